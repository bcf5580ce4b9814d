#include "common/mysql/native_session.h"

#include <cppconn/exception.h>
#include <mysql.h>

#include <cstring>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "common/mysql/session_settings.h"
#include "common/mysql/sql_time.h"

namespace cx {

struct NativeSession::Prepared {
  MYSQL_STMT* statement = nullptr;
  unsigned parameter_count = 0;
  std::vector<MYSQL_BIND> binds;
  std::vector<MYSQL_TIME> times;  // a slot per parameter, used by datetimes
  std::vector<my_bool> nulls;
};

namespace {

// The last error of a connection or a statement, as the pool expects it. Read
// before the handle is closed or its result freed, which may reset it.
sql::SQLException ErrorOf(MYSQL* mysql) {
  return sql::SQLException(mysql_error(mysql), mysql_sqlstate(mysql),
                           static_cast<int>(mysql_errno(mysql)));
}
sql::SQLException ErrorOf(MYSQL_STMT* statement) {
  return sql::SQLException(mysql_stmt_error(statement),
                           mysql_stmt_sqlstate(statement),
                           static_cast<int>(mysql_stmt_errno(statement)));
}

// Points `bind` at `value` (kept alive by the caller until the statement ran);
// a datetime is written into `time`, which the bind then points at.
void BindValue(const SqlValue& value, MYSQL_BIND& bind, MYSQL_TIME& time,
               my_bool& is_null) {
  std::memset(&bind, 0, sizeof bind);
  is_null = 0;
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        void* at = const_cast<void*>(static_cast<const void*>(&v));
        if constexpr (std::is_same_v<T, SqlNull>) {
          bind.buffer_type = MYSQL_TYPE_NULL;
          is_null = 1;
          bind.is_null = &is_null;
        } else if constexpr (std::is_same_v<T, int64_t> ||
                             std::is_same_v<T, uint64_t>) {
          bind.buffer_type = MYSQL_TYPE_LONGLONG;
          bind.buffer = at;
          bind.is_unsigned = std::is_same_v<T, uint64_t>;
        } else if constexpr (std::is_same_v<T, double>) {
          bind.buffer_type = MYSQL_TYPE_DOUBLE;
          bind.buffer = at;
        } else if constexpr (std::is_same_v<T, bool>) {
          static_assert(sizeof(bool) == 1, "MYSQL_TYPE_TINY reads one byte");
          bind.buffer_type = MYSQL_TYPE_TINY;
          bind.buffer = at;
        } else if constexpr (std::is_same_v<T, SqlDatetime>) {
          const SqlCivilTime c = ToSqlCivilTime(v.time);
          std::memset(&time, 0, sizeof time);
          time.year = static_cast<unsigned>(c.year);
          time.month = static_cast<unsigned>(c.month);
          time.day = static_cast<unsigned>(c.day);
          time.hour = static_cast<unsigned>(c.hour);
          time.minute = static_cast<unsigned>(c.minute);
          time.second = static_cast<unsigned>(c.second);
          time.second_part = static_cast<unsigned long>(c.micros);
          time.time_type = MYSQL_TIMESTAMP_DATETIME;
          bind.buffer_type = MYSQL_TYPE_DATETIME;
          bind.buffer = &time;
        } else {  // std::string or SqlBorrowed: bytes
          absl::string_view bytes;
          if constexpr (std::is_same_v<T, SqlBorrowed>) {
            bytes = v.bytes;
          } else {
            bytes = v;
          }
          bind.buffer_type = MYSQL_TYPE_STRING;
          bind.buffer = const_cast<char*>(bytes.data());
          bind.buffer_length = bytes.size();
          bind.length = &bind.buffer_length;
        }
      },
      value);
}

}  // namespace

std::unique_ptr<NativeSession> NativeSession::Connect(
    const MysqlConfig& config) {
  MYSQL* mysql = mysql_init(nullptr);
  if (mysql == nullptr) throw sql::SQLException("mysql_init failed");
  auto fail = [mysql]() {
    sql::SQLException error = ErrorOf(mysql);
    mysql_close(mysql);
    throw error;
  };
  const unsigned connect_timeout = config.connect_timeout_seconds;
  const unsigned read_timeout = config.read_timeout_seconds;
  const my_bool reconnect = 0;  // reconnecting mid-transaction is unsafe
  mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
  mysql_options(mysql, MYSQL_OPT_READ_TIMEOUT, &read_timeout);
  mysql_options(mysql, MYSQL_OPT_WRITE_TIMEOUT, &read_timeout);
  mysql_options(mysql, MYSQL_OPT_RECONNECT, &reconnect);
  mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  const bool unix_socket = !config.socket.empty();
  if (mysql_real_connect(mysql, unix_socket ? nullptr : config.host.c_str(),
                         config.user.c_str(), config.password.c_str(),
                         config.database.c_str(),
                         unix_socket ? 0 : config.port,
                         unix_socket ? config.socket.c_str() : nullptr,
                         0) == nullptr) {
    fail();
  }
  for (const char* setting : kSessionSettings) {
    if (mysql_real_query(mysql, setting, std::strlen(setting)) != 0) fail();
  }
  return std::unique_ptr<NativeSession>(new NativeSession(mysql));
}

NativeSession::NativeSession(MYSQL* mysql) : mysql_(mysql) {}

NativeSession::~NativeSession() {
  for (auto& [sql, prepared] : statements_) mysql_stmt_close(prepared->statement);
  mysql_close(mysql_);
}

void NativeSession::ThrowError(MYSQL_STMT* statement) {
  if (statement != nullptr && mysql_stmt_errno(statement) != 0) {
    throw ErrorOf(statement);
  }
  throw ErrorOf(mysql_);
}

void NativeSession::FreeResultAndThrow(MYSQL_STMT* statement) {
  sql::SQLException error = ErrorOf(statement);
  mysql_stmt_free_result(statement);
  throw error;
}

NativeSession::Prepared& NativeSession::Prepare(absl::string_view sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return *it->second;
  MYSQL_STMT* statement = mysql_stmt_init(mysql_);
  if (statement == nullptr) ThrowError();
  if (mysql_stmt_prepare(statement, sql.data(), sql.size()) != 0) {
    sql::SQLException error = ErrorOf(statement);
    mysql_stmt_close(statement);
    throw error;
  }
  auto prepared = std::make_unique<Prepared>();
  prepared->statement = statement;
  prepared->parameter_count = mysql_stmt_param_count(statement);
  prepared->binds.resize(prepared->parameter_count);
  prepared->times.resize(prepared->parameter_count);
  prepared->nulls.resize(prepared->parameter_count);
  return *statements_.emplace(std::string(sql), std::move(prepared))
              .first->second;
}

NativeSession::Bound NativeSession::Bind(absl::string_view sql,
                                         const std::vector<SqlValue>& params) {
  Prepared& p = Prepare(sql);
  // As in Session: a short parameter list is an error, never a silent reuse
  // of the previous execution's values.
  if (params.size() != p.parameter_count) {
    throw sql::InvalidArgumentException(
        absl::StrCat("statement has ", p.parameter_count, " parameters, given ",
                     params.size()));
  }
  for (size_t i = 0; i < params.size(); ++i) {
    BindValue(params[i], p.binds[i], p.times[i], p.nulls[i]);
  }
  if (p.parameter_count > 0 &&
      mysql_stmt_bind_param(p.statement, p.binds.data()) != 0) {
    ThrowError(p.statement);
  }
  return Bound(this, p.statement);
}

int NativeSession::Bound::Execute() {
  if (mysql_stmt_execute(statement_) != 0) session_->ThrowError(statement_);
  return static_cast<int>(mysql_stmt_affected_rows(statement_));
}

int NativeSession::Execute(absl::string_view sql,
                           const std::vector<SqlValue>& params) {
  return Bind(sql, params).Execute();
}

std::vector<std::vector<std::string>> NativeSession::Query(
    absl::string_view sql, const std::vector<SqlValue>& params) {
  Bound bound = Bind(sql, params);
  bound.Execute();
  MYSQL_STMT* statement = bound.statement_;
  MYSQL_RES* metadata = mysql_stmt_result_metadata(statement);
  if (metadata == nullptr) ThrowError(statement);
  const unsigned columns = mysql_num_fields(metadata);
  mysql_free_result(metadata);
  // Each row is fetched with empty buffers, which reports the columns'
  // lengths, then each column is fetched into a string of that size.
  std::vector<MYSQL_BIND> binds(columns);
  std::vector<unsigned long> lengths(columns);
  std::vector<my_bool> nulls(columns);
  for (unsigned c = 0; c < columns; ++c) {
    std::memset(&binds[c], 0, sizeof binds[c]);
    binds[c].buffer_type = MYSQL_TYPE_STRING;
    binds[c].length = &lengths[c];
    binds[c].is_null = &nulls[c];
  }
  if (mysql_stmt_bind_result(statement, binds.data()) != 0 ||
      mysql_stmt_store_result(statement) != 0) {
    ThrowError(statement);
  }
  std::vector<std::vector<std::string>> rows;
  while (true) {
    const int fetched = mysql_stmt_fetch(statement);
    if (fetched == MYSQL_NO_DATA) break;
    if (fetched != 0 && fetched != MYSQL_DATA_TRUNCATED) {
      FreeResultAndThrow(statement);
    }
    std::vector<std::string>& row = rows.emplace_back(columns);
    for (unsigned c = 0; c < columns; ++c) {
      if (nulls[c] || lengths[c] == 0) continue;
      row[c].resize(lengths[c]);
      MYSQL_BIND column;
      std::memset(&column, 0, sizeof column);
      column.buffer_type = MYSQL_TYPE_STRING;
      column.buffer = row[c].data();
      column.buffer_length = lengths[c];
      if (mysql_stmt_fetch_column(statement, &column, c, 0) != 0) {
        FreeResultAndThrow(statement);
      }
    }
  }
  mysql_stmt_free_result(statement);
  return rows;
}

void NativeSession::Begin() {
  if (!autocommit_) return;
  if (mysql_autocommit(mysql_, 0) != 0) ThrowError();
  autocommit_ = false;
}

void NativeSession::UseAutocommit() {
  if (autocommit_) return;
  if (mysql_autocommit(mysql_, 1) != 0) ThrowError();
  autocommit_ = true;
}

void NativeSession::Commit() {
  if (mysql_commit(mysql_) != 0) ThrowError();
}

void NativeSession::Rollback() {
  if (mysql_rollback(mysql_) != 0) ThrowError();
}

}  // namespace cx
