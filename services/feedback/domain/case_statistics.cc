#include "services/feedback/domain/case_statistics.h"

#include <algorithm>

#include "common/proto_time.h"
#include "services/feedback/domain/closed_loop.h"

namespace cx::feedback {
namespace {

// The lower median (an observed value, not an average of two).
absl::Duration Median(std::vector<absl::Duration> values) {
  const auto middle = values.begin() + (values.size() - 1) / 2;
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

}  // namespace

void CaseStatisticsBuilder::Add(const v1::Case& c) {
  if (IsResolved(c)) ++root_causes_[c.root_cause()];
  const absl::Time opened = FromProto(c.create_time());
  for (Tally* tally : {&total_, &owners_[c.owner()]}) {
    ++tally->opened;
    if (c.has_first_response_time()) {
      tally->to_first_response.push_back(FromProto(c.first_response_time()) -
                                         opened);
    }
    if (IsResolved(c)) ++tally->resolved;
    // Cases resolved before resolve times were kept count as resolved, but
    // neither in the median nor as within the SLA.
    if (IsResolved(c) && c.has_resolve_time()) {
      const absl::Time resolved = FromProto(c.resolve_time());
      tally->to_resolve.push_back(resolved - opened);
      if (c.escalations() == 0 && resolved <= FromProto(c.due_time())) {
        ++tally->resolved_within_sla;
      }
    }
    if (IsOverdue(c, now_)) ++tally->overdue;
  }
}

void CaseStatisticsBuilder::Count(const Tally& tally, const std::string& owner,
                                  v1::CaseCounts* out) {
  out->set_owner(owner);
  out->set_opened(tally.opened);
  out->set_responded(static_cast<int64_t>(tally.to_first_response.size()));
  out->set_resolved(tally.resolved);
  out->set_resolved_within_sla(tally.resolved_within_sla);
  out->set_overdue(tally.overdue);
  if (!tally.to_first_response.empty()) {
    *out->mutable_median_time_to_first_response() =
        ToProto(Median(tally.to_first_response));
  }
  if (!tally.to_resolve.empty()) {
    *out->mutable_median_time_to_resolve() =
        ToProto(Median(tally.to_resolve));
  }
}

v1::CaseStatistics CaseStatisticsBuilder::Build() const {
  v1::CaseStatistics out;
  Count(total_, "", out.mutable_total());
  std::vector<const std::pair<const std::string, Tally>*> owners;
  for (const auto& entry : owners_) owners.push_back(&entry);
  std::stable_sort(owners.begin(), owners.end(), [](auto* a, auto* b) {
    return a->second.opened > b->second.opened;
  });
  for (const auto* entry : owners) {
    Count(entry->second, entry->first, out.add_owners());
  }
  std::vector<const std::pair<const std::string, int64_t>*> causes;
  for (const auto& entry : root_causes_) causes.push_back(&entry);
  std::stable_sort(causes.begin(), causes.end(), [](auto* a, auto* b) {
    return a->second > b->second;  // ties stay by name
  });
  for (const auto* entry : causes) {
    v1::RootCauseCount* cause = out.add_root_causes();
    cause->set_root_cause(entry->first);
    cause->set_cases(entry->second);
    cause->set_share(100.0 * static_cast<double>(entry->second) /
                     static_cast<double>(total_.resolved));
  }
  return out;
}

}  // namespace cx::feedback
