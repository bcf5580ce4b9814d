#include "common/mysql/session.h"

#include <cppconn/datatype.h>
#include <cppconn/exception.h>
#include <cppconn/parameter_metadata.h>

#include "absl/strings/str_cat.h"
#include "common/mysql/sql_time.h"

namespace cx {
namespace {

struct Binder {
  sql::PreparedStatement& stmt;
  unsigned index;
  void operator()(SqlNull) const { stmt.setNull(index, sql::DataType::VARCHAR); }
  void operator()(int64_t v) const { stmt.setInt64(index, v); }
  void operator()(uint64_t v) const { stmt.setUInt64(index, v); }
  void operator()(double v) const { stmt.setDouble(index, v); }
  void operator()(bool v) const { stmt.setBoolean(index, v); }
  void operator()(const std::string& v) const {
    stmt.setString(index, sql::SQLString(v));
  }
  void operator()(SqlBorrowed v) const {
    stmt.setString(index, sql::SQLString(v.bytes.data(), v.bytes.size()));
  }
  void operator()(SqlDatetime v) const {
    stmt.setString(index, sql::SQLString(ToSqlDatetime(v.time)));
  }
};

}  // namespace

sql::PreparedStatement& Session::Prepare(absl::string_view sql,
                                         const std::vector<SqlValue>& params) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    std::unique_ptr<sql::PreparedStatement> stmt(
        connection_->prepareStatement(sql::SQLString(std::string(sql))));
    const unsigned count = stmt->getParameterMetaData()->getParameterCount();
    it = statements_.emplace(std::string(sql), Prepared{std::move(stmt), count})
             .first;
  }
  sql::PreparedStatement& stmt = *it->second.statement;
  // Every parameter is set below, replacing the previous execution's value,
  // so no clearParameters() (in Connector/C++ 1.1 it costs a std::map insert
  // per parameter); which makes a short parameter list an error here rather
  // than a silent reuse of stale values.
  if (params.size() != it->second.parameter_count) {
    throw sql::InvalidArgumentException(absl::StrCat(
        "statement has ", it->second.parameter_count, " parameters, given ",
        params.size()));
  }
  for (unsigned i = 0; i < params.size(); ++i) {
    std::visit(Binder{stmt, i + 1}, params[i]);
  }
  return stmt;
}

void Session::Begin() {
  if (!autocommit_) return;
  connection_->setAutoCommit(false);
  autocommit_ = false;
}

void Session::UseAutocommit() {
  if (autocommit_) return;
  connection_->setAutoCommit(true);
  autocommit_ = true;
}

std::unique_ptr<sql::ResultSet> Session::Query(
    absl::string_view sql, const std::vector<SqlValue>& params) {
  return std::unique_ptr<sql::ResultSet>(Prepare(sql, params).executeQuery());
}

int Session::Execute(absl::string_view sql,
                     const std::vector<SqlValue>& params) {
  return Bind(sql, params).Execute();
}

std::string GetBytes(const sql::ResultSet& rs, const char* column) {
  return rs.getString(column).asStdString();
}

}  // namespace cx
