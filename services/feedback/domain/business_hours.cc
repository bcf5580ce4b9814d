#include "services/feedback/domain/business_hours.h"

#include <algorithm>
#include <bitset>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/proto_date.h"

namespace cx::feedback {
namespace {

using google::type::DayOfWeek;
using google::type::TimeOfDay;

// Deadlines are searched this far ahead at most: beyond any SLA a valid
// policy allows (90 days of working time) unless its hours are minutes a week.
constexpr int kMaxDaysAhead = 3660;
// Ten years of public holidays and closing days.
constexpr int kMaxHolidays = 1000;

int MinuteOfDay(const TimeOfDay& t) { return t.hours() * 60 + t.minutes(); }

DayOfWeek DayOf(absl::CivilDay day) {
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday: return google::type::MONDAY;
    case absl::Weekday::tuesday: return google::type::TUESDAY;
    case absl::Weekday::wednesday: return google::type::WEDNESDAY;
    case absl::Weekday::thursday: return google::type::THURSDAY;
    case absl::Weekday::friday: return google::type::FRIDAY;
    case absl::Weekday::saturday: return google::type::SATURDAY;
    case absl::Weekday::sunday: return google::type::SUNDAY;
  }
  return google::type::DAY_OF_WEEK_UNSPECIFIED;
}

// Hours and minutes only; `latest` is 23 for a start, 24 (00 minutes) for an
// end.
bool IsTimeOfDay(const TimeOfDay& t, int latest) {
  if (t.seconds() != 0 || t.nanos() != 0) return false;
  if (t.hours() < 0 || t.hours() > latest) return false;
  if (t.minutes() < 0 || t.minutes() > 59) return false;
  return t.hours() < 24 || t.minutes() == 0;
}

}  // namespace

void ValidateBusinessHours(const v1::BusinessHours& hours,
                           const std::string& field, FieldViolations* v) {
  absl::TimeZone zone;
  if (hours.time_zone().empty() ||
      !absl::LoadTimeZone(hours.time_zone(), &zone)) {
    v->Add(field + ".time_zone",
           "must be an IANA time zone such as Europe/Stockholm");
  }
  if (hours.days().empty()) v->Add(field + ".days", "needs a working day");
  std::bitset<8> seen;
  for (int i = 0; i < hours.days_size(); ++i) {
    const int day = hours.days(i);
    if (day < google::type::MONDAY || day > google::type::SUNDAY) {
      v->Add(absl::StrCat(field, ".days[", i, "]"), "must be MONDAY ... SUNDAY");
    } else if (seen[day]) {
      v->Add(absl::StrCat(field, ".days[", i, "]"), "is listed twice");
    } else {
      seen.set(day);
    }
  }
  const bool start_ok = IsTimeOfDay(hours.start_time(), 23);
  if (!start_ok) {
    v->Add(field + ".start_time", "must be hours 0-23 and minutes 0-59");
  }
  if (!IsTimeOfDay(hours.end_time(), 24)) {
    v->Add(field + ".end_time", "must be hours 0-23 and minutes 0-59, or 24:00");
  } else if (start_ok &&
             MinuteOfDay(hours.end_time()) <= MinuteOfDay(hours.start_time())) {
    v->Add(field + ".end_time", "must be after start_time");
  }
  if (hours.holidays_size() > kMaxHolidays) {
    v->Add(field + ".holidays", absl::StrCat("has more than ", kMaxHolidays,
                                             " days"));
  }
  absl::flat_hash_set<absl::CivilDay> holidays;
  for (int i = 0; i < hours.holidays_size(); ++i) {
    const google::type::Date& date = hours.holidays(i);
    if (!IsCalendarDate(date)) {
      v->Add(absl::StrCat(field, ".holidays[", i, "]"),
             "must be a full calendar date from 1970-01-01 on");
    } else if (!holidays.insert(ToCivilDay(date)).second) {
      v->Add(absl::StrCat(field, ".holidays[", i, "]"), "is listed twice");
    }
  }
}

absl::Time AddWorkingTime(const v1::BusinessHours& hours, absl::Time start,
                          absl::Duration work) {
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(hours.time_zone(), &zone)) zone = absl::UTCTimeZone();
  std::bitset<8> working;
  for (int day : hours.days()) working.set(day);
  absl::flat_hash_set<absl::CivilDay> holidays;
  for (const google::type::Date& date : hours.holidays()) {
    if (IsCalendarDate(date)) holidays.insert(ToCivilDay(date));
  }
  const int open = MinuteOfDay(hours.start_time());
  const int close = MinuteOfDay(hours.end_time());
  absl::CivilDay day = absl::ToCivilDay(start, zone);
  for (int i = 0; i < kMaxDaysAhead; ++i, ++day) {
    if (!working[DayOf(day)] || holidays.contains(day)) continue;
    const absl::CivilMinute midnight(day);
    const absl::Time window_open = absl::FromCivil(midnight + open, zone);
    const absl::Time window_close = absl::FromCivil(midnight + close, zone);
    const absl::Time from = std::max(start, window_open);
    if (from >= window_close) continue;
    if (from + work <= window_close) return from + work;
    work -= window_close - from;
  }
  return start + absl::Hours(24) * kMaxDaysAhead;
}

}  // namespace cx::feedback
