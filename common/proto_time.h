// absl::Time <-> google.protobuf.Timestamp, absl::Duration <->
// google.protobuf.Duration.
#ifndef CX_COMMON_PROTO_TIME_H_
#define CX_COMMON_PROTO_TIME_H_

#include "absl/time/time.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/time_util.h"

namespace cx {

// Within 0001-01-01 .. 9999-12-31 with nanos in [0, 1e9): what FromProto
// may be given.
inline bool IsValidTimestamp(const google::protobuf::Timestamp& ts) {
  using google::protobuf::util::TimeUtil;
  return ts.seconds() >= TimeUtil::kTimestampMinSeconds &&
         ts.seconds() <= TimeUtil::kTimestampMaxSeconds && ts.nanos() >= 0 &&
         ts.nanos() <= 999999999;
}

inline absl::Time FromProto(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixNanos(
      google::protobuf::util::TimeUtil::TimestampToNanoseconds(ts));
}

inline google::protobuf::Timestamp ToProto(absl::Time t) {
  return google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
      absl::ToUnixNanos(t));
}

inline absl::Duration FromProto(const google::protobuf::Duration& d) {
  return absl::Nanoseconds(
      google::protobuf::util::TimeUtil::DurationToNanoseconds(d));
}

inline google::protobuf::Duration ToProto(absl::Duration d) {
  return google::protobuf::util::TimeUtil::NanosecondsToDuration(
      absl::ToInt64Nanoseconds(d));
}

}  // namespace cx

#endif  // CX_COMMON_PROTO_TIME_H_
