#include "services/metrics/domain/scorecard.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_format.h"

namespace cx::metrics {

void RateEntry(v1::ScorecardEntry* entry) {
  const v1::Target& target = entry->target();
  const v1::MetricPoint& actual = entry->actual();
  if (actual.has_value() && entry->previous().has_value()) {
    entry->set_trend(actual.value() - entry->previous().value());
  } else {
    entry->clear_trend();
  }
  if (!actual.has_value()) {
    entry->set_status(v1::ScorecardEntry::STATUS_NO_DATA);
    entry->set_status_reason("no observations in the period yet");
    return;
  }
  const bool at_least = target.direction() != v1::Target::DIRECTION_AT_MOST;
  const double miss = at_least ? target.value() - actual.value()
                               : actual.value() - target.value();
  if (miss <= 0) {
    entry->set_status(v1::ScorecardEntry::STATUS_ON_TRACK);
    entry->set_status_reason(absl::StrFormat(
        "%.1f meets the target of %.1f", actual.value(), target.value()));
    return;
  }
  const double tolerance = std::max(actual.margin_of_error(),
                                    kAtRiskTolerance * std::abs(target.value()));
  if (miss <= tolerance) {
    entry->set_status(v1::ScorecardEntry::STATUS_AT_RISK);
    entry->set_status_reason(absl::StrFormat(
        "%.1f misses the target of %.1f by %.1f, within the tolerance of %.1f",
        actual.value(), target.value(), miss, tolerance));
  } else {
    entry->set_status(v1::ScorecardEntry::STATUS_OFF_TRACK);
    entry->set_status_reason(absl::StrFormat(
        "%.1f misses the target of %.1f by %.1f, beyond the tolerance of %.1f",
        actual.value(), target.value(), miss, tolerance));
  }
}

}  // namespace cx::metrics
