// Values bound to prepared-statement placeholders. Every SQL parameter in cxp
// goes through this type: no value is ever spliced into SQL text.
#ifndef CX_COMMON_MYSQL_SQL_VALUE_H_
#define CX_COMMON_MYSQL_SQL_VALUE_H_

#include <cstdint>
#include <string>
#include <variant>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cx {

struct SqlNull {};

// Bytes bound without a copy into the value: whoever builds the statement
// keeps them alive until it has run (a batch INSERT's rows, say).
struct SqlBorrowed {
  absl::string_view bytes;
};
inline SqlBorrowed Borrow(const std::string& s) { return SqlBorrowed{s}; }

// A DATETIME(6) value in UTC. Bound as a time, not as text, where the client
// library allows (NativeSession): the server then has no string to parse.
struct SqlDatetime {
  absl::Time time;
};

// Strings are bound as bytes, so they also carry BLOBs.
using SqlValue = std::variant<SqlNull, int64_t, uint64_t, double, bool,
                              std::string, SqlBorrowed, SqlDatetime>;

inline SqlValue ToSqlValue(SqlNull v) { return v; }
inline SqlValue ToSqlValue(int v) { return static_cast<int64_t>(v); }
inline SqlValue ToSqlValue(long v) { return static_cast<int64_t>(v); }
inline SqlValue ToSqlValue(long long v) { return static_cast<int64_t>(v); }
inline SqlValue ToSqlValue(unsigned v) { return static_cast<uint64_t>(v); }
inline SqlValue ToSqlValue(unsigned long v) { return static_cast<uint64_t>(v); }
inline SqlValue ToSqlValue(unsigned long long v) {
  return static_cast<uint64_t>(v);
}
inline SqlValue ToSqlValue(double v) { return v; }
inline SqlValue ToSqlValue(bool v) { return v; }
inline SqlValue ToSqlValue(const std::string& v) { return v; }
inline SqlValue ToSqlValue(absl::string_view v) { return std::string(v); }
inline SqlValue ToSqlValue(const char* v) { return std::string(v); }
inline SqlValue ToSqlValue(SqlDatetime v) { return v; }
inline SqlValue ToSqlValue(const SqlValue& v) { return v; }

}  // namespace cx

#endif  // CX_COMMON_MYSQL_SQL_VALUE_H_
