// Closed-loop performance over a set of cases: counts, SLA attainment and
// median response and resolution times, in total and per owner; and what
// caused the resolved ones (root causes). Pure.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_CASE_STATISTICS_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_CASE_STATISTICS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "cx/feedback/v1/case.pb.h"

namespace cx::feedback {

// Add every case, then Build. Overdue is judged at `now`.
class CaseStatisticsBuilder {
 public:
  explicit CaseStatisticsBuilder(absl::Time now) : now_(now) {}

  void Add(const v1::Case& c);
  v1::CaseStatistics Build() const;

 private:
  struct Tally {
    int64_t opened = 0;
    int64_t resolved = 0;
    int64_t resolved_within_sla = 0;
    int64_t overdue = 0;
    std::vector<absl::Duration> to_first_response;
    std::vector<absl::Duration> to_resolve;
  };
  static void Count(const Tally& tally, const std::string& owner,
                    v1::CaseCounts* out);

  absl::Time now_;
  Tally total_;
  std::map<std::string, Tally> owners_;
  std::map<std::string, int64_t> root_causes_;  // of resolved cases
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_CASE_STATISTICS_H_
