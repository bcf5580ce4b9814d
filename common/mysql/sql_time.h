// DATETIME(6) columns hold UTC (sessions run with time_zone '+00:00').
#ifndef CX_COMMON_MYSQL_SQL_TIME_H_
#define CX_COMMON_MYSQL_SQL_TIME_H_

#include <string>

#include "absl/time/time.h"
#include "common/proto_time.h"

namespace cx {

inline std::string ToSqlDatetime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone());
}

// Unparseable text maps to the epoch; columns are NOT NULL and written by us.
inline absl::Time FromSqlDatetime(const std::string& s) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime("%Y-%m-%d %H:%M:%E*S", s, absl::UTCTimeZone(), &t,
                       &err)) {
    return absl::UnixEpoch();
  }
  return t;
}

}  // namespace cx

#endif  // CX_COMMON_MYSQL_SQL_TIME_H_
