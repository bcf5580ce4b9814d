// Revenue retention (DESIGN.md): logo churn, GRR and NRR over the accounts
// active at the start of a period, from each account's MRR history.
//
// A revenue record sets an account's MRR from its month on, until the next
// record; MRR 0 is churn. Start of a period = the month before its first
// month; end = its last month. An account is compared end against start
// only: one that churns and returns inside the period is not churned, and
// one that returns after churning in an earlier period is new.
#ifndef CX_SERVICES_METRICS_DOMAIN_RETENTION_H_
#define CX_SERVICES_METRICS_DOMAIN_RETENTION_H_

#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "cx/metrics/v1/revenue.pb.h"

namespace cx::metrics {

// month -> MRR in minor units set from that month on.
using MrrHistory = std::map<absl::CivilMonth, int64_t>;

class RevenueLedger {
 public:
  void Set(const std::string& account, absl::CivilMonth month, int64_t mrr) {
    accounts_[account][month] = mrr;
  }
  // The account's MRR in `month` (0 before its first record).
  static int64_t MrrAt(const MrrHistory& history, absl::CivilMonth month);

  // One period, [first, last] inclusive.
  v1::RetentionSummary Summarize(absl::CivilMonth first,
                                 absl::CivilMonth last) const;
  // Accounts whose first active month is in [first, last], followed to last.
  std::vector<v1::CohortRow> Cohorts(absl::CivilMonth first,
                                     absl::CivilMonth last) const;

 private:
  std::map<std::string, MrrHistory> accounts_;
};

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_DOMAIN_RETENTION_H_
