#include "services/feedback/domain/business_hours.h"

#include "absl/time/civil_time.h"
#include "common/proto_date.h"
#include "gtest/gtest.h"
#include "tests/testing/status_fields.h"

namespace cx::feedback {
namespace {

using cx::testing::BadRequestFields;

google::type::TimeOfDay At(int hours, int minutes = 0) {
  google::type::TimeOfDay t;
  t.set_hours(hours);
  t.set_minutes(minutes);
  return t;
}

// 08:00-17:00, Monday to Friday, in Stockholm.
v1::BusinessHours OfficeHours() {
  v1::BusinessHours h;
  h.set_time_zone("Europe/Stockholm");
  for (auto d : {google::type::MONDAY, google::type::TUESDAY,
                 google::type::WEDNESDAY, google::type::THURSDAY,
                 google::type::FRIDAY}) {
    h.add_days(d);
  }
  *h.mutable_start_time() = At(8);
  *h.mutable_end_time() = At(17);
  return h;
}

absl::Time Stockholm(int y, int mo, int d, int h, int mi = 0) {
  absl::TimeZone zone;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Stockholm", &zone));
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), zone);
}

TEST(BusinessHoursTest, TheClockStopsOutsideWorkingHours) {
  const v1::BusinessHours h = OfficeHours();
  // Tuesday 2026-03-24.
  EXPECT_EQ(AddWorkingTime(h, Stockholm(2026, 3, 24, 9), absl::Hours(2)),
            Stockholm(2026, 3, 24, 11));
  // Before opening: counts from 08:00.
  EXPECT_EQ(AddWorkingTime(h, Stockholm(2026, 3, 24, 6), absl::Hours(1)),
            Stockholm(2026, 3, 24, 9));
  // After closing: counts from the next morning.
  EXPECT_EQ(AddWorkingTime(h, Stockholm(2026, 3, 24, 18), absl::Minutes(30)),
            Stockholm(2026, 3, 25, 8, 30));
  // Over several days: 9 h on Monday, 9 on Tuesday, 2 on Wednesday.
  EXPECT_EQ(AddWorkingTime(h, Stockholm(2026, 3, 23, 8), absl::Hours(20)),
            Stockholm(2026, 3, 25, 10));
  // Ending exactly at closing time stays on that day.
  EXPECT_EQ(AddWorkingTime(h, Stockholm(2026, 3, 24, 16), absl::Hours(1)),
            Stockholm(2026, 3, 24, 17));
}

TEST(BusinessHoursTest, WeekendsDoNotCountAcrossADaylightSavingChange) {
  // Friday 2026-03-27 16:00 CET + 4 working hours: 1 on Friday, 3 on Monday
  // 2026-03-30, which is in CEST (clocks went forward on Sunday).
  const absl::Time due = AddWorkingTime(
      OfficeHours(), Stockholm(2026, 3, 27, 16), absl::Hours(4));
  EXPECT_EQ(due, Stockholm(2026, 3, 30, 11));
  EXPECT_EQ(due - Stockholm(2026, 3, 27, 16), absl::Hours(66));
}

TEST(BusinessHoursTest, ZeroWorkEndsAtOrAfterTheStart) {
  const v1::BusinessHours h = OfficeHours();
  EXPECT_EQ(AddWorkingTime(h, Stockholm(2026, 3, 24, 10), absl::ZeroDuration()),
            Stockholm(2026, 3, 24, 10));
  // Saturday night: the next working day starts on Monday.
  EXPECT_EQ(AddWorkingTime(h, Stockholm(2026, 3, 28, 23), absl::ZeroDuration()),
            Stockholm(2026, 3, 30, 8));
}

TEST(BusinessHoursTest, AlwaysOpenIsPlainAddition) {
  v1::BusinessHours h;
  h.set_time_zone("Europe/Stockholm");
  for (int d = google::type::MONDAY; d <= google::type::SUNDAY; ++d) {
    h.add_days(static_cast<google::type::DayOfWeek>(d));
  }
  *h.mutable_start_time() = At(0);
  *h.mutable_end_time() = At(24);
  // Starts every 7 h 13 min across a year (two DST changes), SLAs up to 9 days.
  const absl::Time first = Stockholm(2026, 1, 1, 0);
  for (int i = 0; i < 1200; ++i) {
    const absl::Time start = first + i * absl::Minutes(7 * 60 + 13);
    const absl::Duration work = absl::Minutes((i * 977) % (9 * 24 * 60));
    ASSERT_EQ(AddWorkingTime(h, start, work), start + work)
        << absl::FormatTime(start) << " + " << work;
  }
}

google::type::Date Day(int y, int m, int d) {
  google::type::Date date;
  date.set_year(y);
  date.set_month(m);
  date.set_day(d);
  return date;
}

TEST(BusinessHoursTest, HolidaysDoNotCount) {
  // Easter 2026 in Sweden: Good Friday 3 April and Easter Monday 6 April are
  // public holidays; a weekend holiday (Easter Sunday) changes nothing.
  v1::BusinessHours h = OfficeHours();
  *h.add_holidays() = Day(2026, 4, 3);
  *h.add_holidays() = Day(2026, 4, 5);
  *h.add_holidays() = Day(2026, 4, 6);
  // Thursday 2 April 16:00 + 4 h: 1 h on Thursday, 3 h on Tuesday 7 April.
  EXPECT_EQ(AddWorkingTime(h, Stockholm(2026, 4, 2, 16), absl::Hours(4)),
            Stockholm(2026, 4, 7, 11));
  // Opened on the holiday itself: the clock starts on Tuesday morning.
  EXPECT_EQ(AddWorkingTime(h, Stockholm(2026, 4, 6, 10), absl::Hours(1)),
            Stockholm(2026, 4, 7, 9));
  // The same case without holidays is due on Friday.
  EXPECT_EQ(AddWorkingTime(OfficeHours(), Stockholm(2026, 4, 2, 16),
                           absl::Hours(4)),
            Stockholm(2026, 4, 3, 11));
}

TEST(BusinessHoursTest, HolidaysAreDaysInTheHoursTimeZone) {
  // 23:30 UTC on Sunday 5 April is already Monday 01:30 in Stockholm: the
  // Easter Monday holiday applies, not Sunday's.
  v1::BusinessHours h = OfficeHours();
  *h.add_holidays() = Day(2026, 4, 6);
  const absl::Time start = absl::FromCivil(
      absl::CivilMinute(2026, 4, 5, 23, 30), absl::UTCTimeZone());
  EXPECT_EQ(AddWorkingTime(h, start, absl::Hours(2)),
            Stockholm(2026, 4, 7, 10));
}

TEST(BusinessHoursTest, ValidationNamesEachBadField) {
  v1::BusinessHours h = OfficeHours();
  FieldViolations none;
  ValidateBusinessHours(h, "hours", &none);
  EXPECT_TRUE(none.empty());
  h.set_time_zone("Mars/Olympus");
  h.add_days(google::type::MONDAY);
  h.add_days(google::type::DAY_OF_WEEK_UNSPECIFIED);
  *h.mutable_start_time() = At(9, 30);
  *h.mutable_end_time() = At(9);
  FieldViolations v;
  ValidateBusinessHours(h, "hours", &v);
  EXPECT_EQ(BadRequestFields(v.ToStatus()),
            (std::vector<std::string>{"hours.time_zone", "hours.days[5]",
                                      "hours.days[6]", "hours.end_time"}));

  v1::BusinessHours bad_times = OfficeHours();
  *bad_times.mutable_start_time() = At(24);
  *bad_times.mutable_end_time() = At(24, 30);
  bad_times.clear_days();
  FieldViolations w;
  ValidateBusinessHours(bad_times, "hours", &w);
  EXPECT_EQ(BadRequestFields(w.ToStatus()),
            (std::vector<std::string>{"hours.days", "hours.start_time",
                                      "hours.end_time"}));

  v1::BusinessHours bad_holidays = OfficeHours();
  *bad_holidays.add_holidays() = Day(2026, 12, 25);
  *bad_holidays.add_holidays() = Day(2026, 2, 29);   // not a leap year
  *bad_holidays.add_holidays() = Day(2026, 12, 0);   // no day
  *bad_holidays.add_holidays() = Day(2026, 12, 25);  // again
  *bad_holidays.add_holidays() = Day(1969, 12, 31);
  FieldViolations x;
  ValidateBusinessHours(bad_holidays, "hours", &x);
  EXPECT_EQ(BadRequestFields(x.ToStatus()),
            (std::vector<std::string>{"hours.holidays[1]", "hours.holidays[2]",
                                      "hours.holidays[3]",
                                      "hours.holidays[4]"}));

  v1::BusinessHours too_many = OfficeHours();
  for (absl::CivilDay d(2026, 1, 1); d < absl::CivilDay(2026, 1, 1) + 1001;
       ++d) {
    *too_many.add_holidays() = ToDate(d);
  }
  FieldViolations y;
  ValidateBusinessHours(too_many, "hours", &y);
  EXPECT_EQ(BadRequestFields(y.ToStatus()),
            (std::vector<std::string>{"hours.holidays"}));
}

}  // namespace
}  // namespace cx::feedback
