// A database connection driven through libmariadb's C API, for the write path
// that runs most often (the ingest group commit, ~30 parameters per response).
// Connector/C++ copies each string parameter into a SQLString, then into its
// own buffer, then into the packet; here each MYSQL_BIND points at the
// caller's bytes, integers and times included (a DATETIME goes as MYSQL_TIME,
// so the server parses no text either). Same session settings as Session.
//
// Lent by ConnectionPool::TransactNative, whose callback catches what it
// throws (sql::SQLException, with the server's error code, so the pool maps
// errors the same way for both kinds of session).
#ifndef CX_COMMON_MYSQL_NATIVE_SESSION_H_
#define CX_COMMON_MYSQL_NATIVE_SESSION_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/mysql/mysql_config.h"
#include "common/mysql/sql_executor.h"
#include "common/mysql/sql_value.h"

// libmariadb's handles; <mysql.h> (and its macros) stays in the .cc.
struct st_mysql;
struct st_mysql_stmt;

namespace cx {

class NativeSession final : public SqlExecutor {
 public:
  // Connects to `config`'s schema with the session settings every cxp
  // connection has (kSessionSettings). Throws sql::SQLException.
  static std::unique_ptr<NativeSession> Connect(const MysqlConfig& config);
  ~NativeSession() override;
  NativeSession(const NativeSession&) = delete;
  NativeSession& operator=(const NativeSession&) = delete;

  int Execute(absl::string_view sql,
              const std::vector<SqlValue>& params) override;

  // A statement with its parameters bound, to run later (as Session::Bound):
  // `params` must stay alive and unchanged until it has run. Valid until the
  // session binds the same SQL again.
  class Bound {
   public:
    int Execute();

   private:
    friend class NativeSession;
    Bound(NativeSession* session, st_mysql_stmt* statement)
        : session_(session), statement_(statement) {}
    NativeSession* session_;
    st_mysql_stmt* statement_;
  };
  Bound Bind(absl::string_view sql, const std::vector<SqlValue>& params);

  // Runs a SELECT; returns its rows, each column as bytes (NULL as "").
  std::vector<std::vector<std::string>> Query(
      absl::string_view sql, const std::vector<SqlValue>& params);

  // As Session's.
  void Begin();
  void UseAutocommit();
  void Commit();
  void Rollback();

 private:
  explicit NativeSession(st_mysql* mysql);

  // A prepared statement and the storage its binds point into.
  struct Prepared;
  Prepared& Prepare(absl::string_view sql);
  // Throws the connection's last error (or the statement's) as an exception.
  [[noreturn]] void ThrowError(st_mysql_stmt* statement = nullptr);
  // The same for a statement whose result is being fetched, which it frees.
  [[noreturn]] static void FreeResultAndThrow(st_mysql_stmt* statement);

  st_mysql* mysql_;
  bool autocommit_ = true;
  std::map<std::string, std::unique_ptr<Prepared>, std::less<>> statements_;
};

}  // namespace cx

#endif  // CX_COMMON_MYSQL_NATIVE_SESSION_H_
