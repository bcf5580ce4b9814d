// A connection lent to one unit of work by ConnectionPool. Statements are
// prepared once per connection and cached.
//
// Methods throw sql::SQLException; they are only called inside the callbacks of
// ConnectionPool::Transact / Read, which catch and convert every exception, so
// no exception leaves common/mysql.
#ifndef CX_COMMON_MYSQL_SESSION_H_
#define CX_COMMON_MYSQL_SESSION_H_

#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/mysql/sql_executor.h"
#include "common/mysql/sql_value.h"

namespace cx {

class Session final : public SqlExecutor {
 public:
  explicit Session(std::unique_ptr<sql::Connection> connection)
      : connection_(std::move(connection)) {}

  // Runs a SELECT with `params` bound to its `?` placeholders in order.
  std::unique_ptr<sql::ResultSet> Query(absl::string_view sql,
                                        const std::vector<SqlValue>& params);
  int Execute(absl::string_view sql,
              const std::vector<SqlValue>& params) override;

  // A statement with its parameters bound (Connector/C++ copies each one),
  // to run later: a caller can bind before it waits for its turn to run.
  // Valid until the session binds the same SQL again.
  class Bound {
   public:
    // Runs it as Execute() does.
    int Execute() { return statement_->executeUpdate(); }

   private:
    friend class Session;
    explicit Bound(sql::PreparedStatement* statement) : statement_(statement) {}
    sql::PreparedStatement* statement_;
  };
  Bound Bind(absl::string_view sql, const std::vector<SqlValue>& params) {
    return Bound(&Prepare(sql, params));
  }

  template <typename... Args>
  std::unique_ptr<sql::ResultSet> QueryArgs(absl::string_view sql,
                                            const Args&... args) {
    return Query(sql, {ToSqlValue(args)...});
  }

  sql::Connection& connection() { return *connection_; }

  // Makes the statements that follow one transaction, ended by Commit() or
  // Rollback().
  void Begin();
  void Commit() { connection_->commit(); }
  void Rollback() { connection_->rollback(); }
  // Makes each statement that follows its own transaction.
  void UseAutocommit();

 private:
  sql::PreparedStatement& Prepare(absl::string_view sql,
                                  const std::vector<SqlValue>& params);

  std::unique_ptr<sql::Connection> connection_;
  // The connection's mode. Transactions run with autocommit off and the
  // session stays so after commit: the next transaction starts with its
  // first statement, without a round trip of its own (the batch writer runs
  // transaction after transaction on the same session).
  bool autocommit_ = true;
  struct Prepared {
    std::unique_ptr<sql::PreparedStatement> statement;
    unsigned parameter_count;
  };
  std::map<std::string, Prepared, std::less<>> statements_;
};

// Reads a column as bytes (binary-safe).
std::string GetBytes(const sql::ResultSet& rs, const char* column);

}  // namespace cx

#endif  // CX_COMMON_MYSQL_SESSION_H_
