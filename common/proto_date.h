// google.type.Date <-> absl::CivilDay, for calendar days in requests and
// policies (report periods, holidays).
#ifndef CX_COMMON_PROTO_DATE_H_
#define CX_COMMON_PROTO_DATE_H_

#include <cstdint>

#include "absl/time/civil_time.h"
#include "google/type/date.pb.h"

namespace cx {

// A full calendar date (year, month and day all set and real) between
// 1970-01-01 and 9999-12-31.
inline bool IsCalendarDate(const google::type::Date& date) {
  const absl::CivilDay day(date.year(), date.month(), date.day());
  return date.year() >= 1970 && date.year() <= 9999 &&
         day.year() == date.year() && day.month() == date.month() &&
         day.day() == date.day();
}

// Only for a date IsCalendarDate accepts.
inline absl::CivilDay ToCivilDay(const google::type::Date& date) {
  return absl::CivilDay(date.year(), date.month(), date.day());
}

inline google::type::Date ToDate(absl::CivilDay day) {
  google::type::Date date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

}  // namespace cx

#endif  // CX_COMMON_PROTO_DATE_H_
