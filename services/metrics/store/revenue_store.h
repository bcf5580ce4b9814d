// Account MRR history (a record sets MRR from its month on) in one currency
// per tenant.
#ifndef CX_SERVICES_METRICS_STORE_REVENUE_STORE_H_
#define CX_SERVICES_METRICS_STORE_REVENUE_STORE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/mysql/connection_pool.h"
#include "services/metrics/domain/retention.h"

namespace cx::metrics {

class RevenueStore {
 public:
  explicit RevenueStore(ConnectionPool* pool) : pool_(pool) {}

  // The first record fixes the tenant's currency; a record in another one is
  // INVALID_ARGUMENT (field revenue.currency_code) and stores nothing.
  absl::Status Record(const std::string& tenant, const std::string& account,
                      absl::CivilMonth month, int64_t mrr_minor,
                      const std::string& currency_code, absl::Time now);

  struct Ledger {
    RevenueLedger ledger;
    std::string currency_code;
  };
  // Every record up to and including `last`.
  absl::StatusOr<Ledger> Load(const std::string& tenant, absl::CivilMonth last);

 private:
  ConnectionPool* pool_;
};

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_STORE_REVENUE_STORE_H_
