// DATETIME(6) columns hold UTC (sessions run with time_zone '+00:00').
#ifndef CX_COMMON_MYSQL_SQL_TIME_H_
#define CX_COMMON_MYSQL_SQL_TIME_H_

#include <cstdint>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/proto_time.h"

namespace cx {

// "YYYY-MM-DD hh:mm:ss.ffffff", microseconds rounded down. Formatted by hand:
// ingest writes several per response, and absl::FormatTime's general
// strftime path was 4% of the server's CPU during imports.
inline std::string ToSqlDatetime(absl::Time t) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  const absl::CivilSecond cs = absl::ToCivilSecond(t, utc);
  if (cs.year() < 0 || cs.year() > 9999) {  // outside DATETIME anyway
    return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, utc);
  }
  const int64_t micros =
      absl::ToInt64Microseconds(t - absl::FromCivil(cs, utc));
  std::string out = "0000-00-00 00:00:00.000000";
  auto put = [&out](size_t end, int64_t value, int digits) {
    for (int i = 1; i <= digits; ++i, value /= 10) {
      out[end - i] = static_cast<char>('0' + value % 10);
    }
  };
  put(4, cs.year(), 4);
  put(7, cs.month(), 2);
  put(10, cs.day(), 2);
  put(13, cs.hour(), 2);
  put(16, cs.minute(), 2);
  put(19, cs.second(), 2);
  put(26, micros, 6);
  return out;
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
