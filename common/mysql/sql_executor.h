// What writing rows needs of a database connection, whichever client library
// drives it: Session (Connector/C++) or NativeSession (libmariadb's C API).
// Code that only writes (shared row writers) takes this, so either can run it.
#ifndef CX_COMMON_MYSQL_SQL_EXECUTOR_H_
#define CX_COMMON_MYSQL_SQL_EXECUTOR_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "common/mysql/sql_value.h"

namespace cx {

class SqlExecutor {
 public:
  virtual ~SqlExecutor() = default;

  // Runs INSERT/UPDATE/DELETE/DDL with `params` bound to its `?` placeholders
  // in order; returns the affected row count. Throws sql::SQLException.
  virtual int Execute(absl::string_view sql,
                      const std::vector<SqlValue>& params) = 0;

  template <typename... Args>
  int ExecuteArgs(absl::string_view sql, const Args&... args) {
    return Execute(sql, {ToSqlValue(args)...});
  }
};

}  // namespace cx

#endif  // CX_COMMON_MYSQL_SQL_EXECUTOR_H_
