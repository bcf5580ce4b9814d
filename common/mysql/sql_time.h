// DATETIME(6) columns hold UTC (sessions run with time_zone '+00:00').
#ifndef CX_COMMON_MYSQL_SQL_TIME_H_
#define CX_COMMON_MYSQL_SQL_TIME_H_

#include <string>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/time_util.h"

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

inline absl::Time FromProto(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixNanos(
      google::protobuf::util::TimeUtil::TimestampToNanoseconds(ts));
}

inline google::protobuf::Timestamp ToProto(absl::Time t) {
  return google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
      absl::ToUnixNanos(t));
}

}  // namespace cx

#endif  // CX_COMMON_MYSQL_SQL_TIME_H_
