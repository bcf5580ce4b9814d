// Calendar arithmetic for metrics: days as integers (for rollup keys), dates
// on the wire, local days in a tenant's time zone, and the periods a series
// is cut into.
#ifndef CX_SERVICES_METRICS_DOMAIN_CALENDAR_H_
#define CX_SERVICES_METRICS_DOMAIN_CALENDAR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/proto_date.h"
#include "cx/metrics/v1/metric.pb.h"
#include "google/type/date.pb.h"

namespace cx::metrics {

// Days since 1970-01-01: cheap to compare, store and index.
using DayNumber = int32_t;

DayNumber ToDayNumber(absl::CivilDay day);
absl::CivilDay ToCivilDay(DayNumber day);

// INVALID_ARGUMENT (naming `field`) unless a real date between 1970 and 9999.
absl::StatusOr<absl::CivilDay> FromDate(const google::type::Date& date,
                                        absl::string_view field);
// A month: year and month must be valid, the day is ignored.
absl::StatusOr<absl::CivilMonth> MonthFromDate(const google::type::Date& date,
                                               absl::string_view field);

// The calendar day `time` falls on in `zone`.
DayNumber LocalDay(absl::Time time, const absl::TimeZone& zone);

// INVALID_ARGUMENT for names the tz database does not know.
absl::StatusOr<absl::TimeZone> LoadZone(absl::string_view name);

struct Period {
  DayNumber first;
  DayNumber last;  // inclusive
};

// The periods of `granularity` that cover [first, last], each clipped to it,
// in order. TOTAL (or UNSPECIFIED) gives one period.
std::vector<Period> CutPeriods(DayNumber first, DayNumber last,
                               v1::Granularity granularity);

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_DOMAIN_CALENDAR_H_
