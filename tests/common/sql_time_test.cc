#include "common/mysql/sql_time.h"

#include <random>

#include "gtest/gtest.h"

namespace cx {
namespace {

std::string Reference(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone());
}

TEST(SqlTimeTest, FormatsMicrosecondsRoundedDown) {
  const absl::Time t =
      absl::FromUnixMicros(1'763'856'000'123'456) + absl::Nanoseconds(999);
  EXPECT_EQ(ToSqlDatetime(t), "2025-11-23 00:00:00.123456");
  EXPECT_EQ(ToSqlDatetime(absl::UnixEpoch()), "1970-01-01 00:00:00.000000");
  EXPECT_EQ(
      ToSqlDatetime(absl::FromCivil(absl::CivilSecond(9999, 12, 31, 23, 59, 59),
                                    absl::UTCTimeZone()) +
                    absl::Microseconds(999999)),
      "9999-12-31 23:59:59.999999");
}

TEST(SqlTimeTest, AgreesWithFormatTimeAndRoundTrips) {
  std::mt19937_64 rng(7);
  // 1000-01-01 .. 9999-12-31, DATETIME's range, and a few before 1970.
  std::uniform_int_distribution<int64_t> micros(-30'610'224'000'000'000,
                                                253'402'300'799'999'999);
  for (int i = 0; i < 20000; ++i) {
    const absl::Time t = absl::FromUnixMicros(micros(rng));
    ASSERT_EQ(ToSqlDatetime(t), Reference(t)) << absl::ToUnixMicros(t);
    ASSERT_EQ(FromSqlDatetime(ToSqlDatetime(t)), t);
  }
}

TEST(SqlTimeTest, AgreesWithFormatTimeAtCalendarEdges) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  for (const absl::CivilSecond& cs :
       {absl::CivilSecond(2000, 2, 29, 12, 0, 0), absl::CivilSecond(1900, 2, 28, 23, 59, 59),
        absl::CivilSecond(1900, 3, 1, 0, 0, 0), absl::CivilSecond(2100, 3, 1, 0, 0, 0),
        absl::CivilSecond(1969, 12, 31, 23, 59, 59), absl::CivilSecond(1000, 1, 1, 0, 0, 0),
        absl::CivilSecond(1600, 2, 29, 0, 0, 0), absl::CivilSecond(2024, 12, 31, 23, 59, 59)}) {
    for (const absl::Duration extra :
         {absl::ZeroDuration(), absl::Microseconds(1), absl::Microseconds(999999)}) {
      const absl::Time t = absl::FromCivil(cs, utc) + extra;
      EXPECT_EQ(ToSqlDatetime(t), Reference(t)) << cs;
    }
  }
}

TEST(SqlTimeTest, OutOfRangeYearsFallBackToFormatTime) {
  const absl::Time far = absl::FromCivil(
      absl::CivilSecond(12345, 1, 2, 3, 4, 5), absl::UTCTimeZone());
  EXPECT_EQ(ToSqlDatetime(far), Reference(far));
}

}  // namespace
}  // namespace cx
