#include "services/metrics/domain/calendar.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace cx::metrics {
namespace {

const absl::CivilDay kEpoch(1970, 1, 1);

// The first day of the period of `granularity` that holds `day`.
absl::CivilDay PeriodStart(absl::CivilDay day, v1::Granularity granularity) {
  switch (granularity) {
    case v1::GRANULARITY_DAY:
      return day;
    case v1::GRANULARITY_WEEK:
      // absl's weekdays start at Monday = 0, like ISO weeks.
      return day - static_cast<int>(absl::GetWeekday(day));
    case v1::GRANULARITY_MONTH:
      return absl::CivilDay(absl::CivilMonth(day));
    case v1::GRANULARITY_QUARTER:
      return absl::CivilDay(day.year(), (day.month() - 1) / 3 * 3 + 1, 1);
    case v1::GRANULARITY_YEAR:
      return absl::CivilDay(absl::CivilYear(day));
    default:
      return day;
  }
}

absl::CivilDay NextPeriodStart(absl::CivilDay start,
                               v1::Granularity granularity) {
  switch (granularity) {
    case v1::GRANULARITY_DAY:
      return start + 1;
    case v1::GRANULARITY_WEEK:
      return start + 7;
    case v1::GRANULARITY_MONTH:
      return absl::CivilDay(absl::CivilMonth(start) + 1);
    case v1::GRANULARITY_QUARTER:
      return absl::CivilDay(absl::CivilMonth(start) + 3);
    case v1::GRANULARITY_YEAR:
      return absl::CivilDay(absl::CivilYear(start) + 1);
    default:
      return start + 1;
  }
}

}  // namespace

DayNumber ToDayNumber(absl::CivilDay day) {
  return static_cast<DayNumber>(day - kEpoch);
}

absl::CivilDay ToCivilDay(DayNumber day) { return kEpoch + day; }

absl::StatusOr<absl::CivilDay> FromDate(const google::type::Date& date,
                                        absl::string_view field) {
  if (!IsCalendarDate(date)) {
    return InvalidField(field, "must be a calendar date from 1970-01-01 on");
  }
  return cx::ToCivilDay(date);
}

absl::StatusOr<absl::CivilMonth> MonthFromDate(const google::type::Date& date,
                                               absl::string_view field) {
  if (date.year() < 1970 || date.year() > 9999 || date.month() < 1 ||
      date.month() > 12) {
    return InvalidField(field, "must name a month (year 1970-9999, month 1-12)");
  }
  return absl::CivilMonth(date.year(), date.month());
}

DayNumber LocalDay(absl::Time time, const absl::TimeZone& zone) {
  return ToDayNumber(absl::ToCivilDay(time, zone));
}

absl::StatusOr<absl::TimeZone> LoadZone(absl::string_view name) {
  absl::TimeZone zone;
  if (name.empty() || !absl::LoadTimeZone(name, &zone)) {
    return InvalidField("time_zone",
                        absl::StrCat("unknown time zone \"", name,
                                     "\"; use an IANA name such as "
                                     "Europe/Stockholm"));
  }
  return zone;
}

std::vector<Period> CutPeriods(DayNumber first, DayNumber last,
                               v1::Granularity granularity) {
  std::vector<Period> periods;
  if (last < first) return periods;
  if (granularity == v1::GRANULARITY_TOTAL ||
      granularity == v1::GRANULARITY_UNSPECIFIED) {
    periods.push_back({first, last});
    return periods;
  }
  absl::CivilDay start = PeriodStart(ToCivilDay(first), granularity);
  while (ToDayNumber(start) <= last) {
    const absl::CivilDay next = NextPeriodStart(start, granularity);
    periods.push_back({std::max(first, ToDayNumber(start)),
                       std::min(last, ToDayNumber(next) - 1)});
    start = next;
  }
  return periods;
}

}  // namespace cx::metrics
