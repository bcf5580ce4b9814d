#include "services/metrics/domain/calendar.h"

#include "gtest/gtest.h"

namespace cx::metrics {
namespace {

DayNumber Day(int y, int m, int d) { return ToDayNumber(absl::CivilDay(y, m, d)); }

std::vector<std::pair<DayNumber, DayNumber>> Cut(DayNumber a, DayNumber b,
                                                 v1::Granularity g) {
  std::vector<std::pair<DayNumber, DayNumber>> out;
  for (const Period& p : CutPeriods(a, b, g)) out.push_back({p.first, p.last});
  return out;
}

TEST(CalendarTest, MonthsAreClippedToTheInterval) {
  EXPECT_EQ(Cut(Day(2026, 1, 15), Day(2026, 3, 10), v1::GRANULARITY_MONTH),
            (std::vector<std::pair<DayNumber, DayNumber>>{
                {Day(2026, 1, 15), Day(2026, 1, 31)},
                {Day(2026, 2, 1), Day(2026, 2, 28)},
                {Day(2026, 3, 1), Day(2026, 3, 10)}}));
}

TEST(CalendarTest, WeeksStartOnMonday) {
  // 2026-11-25 is a Wednesday; 2026-11-30 a Monday.
  EXPECT_EQ(Cut(Day(2026, 11, 25), Day(2026, 12, 2), v1::GRANULARITY_WEEK),
            (std::vector<std::pair<DayNumber, DayNumber>>{
                {Day(2026, 11, 25), Day(2026, 11, 29)},
                {Day(2026, 11, 30), Day(2026, 12, 2)}}));
}

TEST(CalendarTest, QuartersAndLeapYears) {
  EXPECT_EQ(Cut(Day(2028, 2, 1), Day(2028, 7, 1), v1::GRANULARITY_QUARTER),
            (std::vector<std::pair<DayNumber, DayNumber>>{
                {Day(2028, 2, 1), Day(2028, 3, 31)},
                {Day(2028, 4, 1), Day(2028, 6, 30)},
                {Day(2028, 7, 1), Day(2028, 7, 1)}}));
  EXPECT_EQ(Cut(Day(2028, 2, 1), Day(2028, 3, 1), v1::GRANULARITY_MONTH)[0].second,
            Day(2028, 2, 29));
  EXPECT_EQ(Cut(Day(2026, 5, 5), Day(2027, 1, 2), v1::GRANULARITY_YEAR).size(), 2u);
  EXPECT_EQ(Cut(Day(2026, 5, 5), Day(2026, 5, 9), v1::GRANULARITY_DAY).size(), 5u);
  EXPECT_EQ(Cut(Day(2026, 5, 5), Day(2026, 5, 9), v1::GRANULARITY_TOTAL).size(), 1u);
}

TEST(CalendarTest, LocalDayFollowsTheTenantZone) {
  const absl::Time t = absl::FromCivil(absl::CivilSecond(2026, 3, 31, 23, 30, 0),
                                       absl::UTCTimeZone());
  // Stockholm is on summer time (UTC+2) from 2026-03-29: already April 1st.
  EXPECT_EQ(LocalDay(t, *LoadZone("Europe/Stockholm")), Day(2026, 4, 1));
  EXPECT_EQ(LocalDay(t, absl::UTCTimeZone()), Day(2026, 3, 31));
  const absl::Time new_year = absl::FromCivil(
      absl::CivilSecond(2026, 1, 1, 3, 0, 0), absl::UTCTimeZone());
  EXPECT_EQ(LocalDay(new_year, *LoadZone("America/New_York")), Day(2025, 12, 31));
}

TEST(CalendarTest, RejectsBadDatesAndZones) {
  google::type::Date feb30;
  feb30.set_year(2026), feb30.set_month(2), feb30.set_day(30);
  EXPECT_EQ(FromDate(feb30, "start_date").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(LoadZone("Mars/Olympus").status().code(),
            absl::StatusCode::kInvalidArgument);
  google::type::Date month_end = feb30;
  month_end.set_day(31);  // the day is ignored for months
  EXPECT_EQ(*MonthFromDate(month_end, "month"), absl::CivilMonth(2026, 2));
}

}  // namespace
}  // namespace cx::metrics
