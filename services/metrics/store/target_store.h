// Targets, stored whole (their period also in columns for lookups by date).
#ifndef CX_SERVICES_METRICS_STORE_TARGET_STORE_H_
#define CX_SERVICES_METRICS_STORE_TARGET_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/mysql/connection_pool.h"
#include "cx/metrics/v1/target.pb.h"
#include "services/metrics/domain/calendar.h"

namespace cx::metrics {

class TargetStore {
 public:
  explicit TargetStore(ConnectionPool* pool) : pool_(pool) {}

  // Inserts or replaces target `id`; the target must be validated.
  absl::Status Put(const std::string& tenant, const std::string& id,
                   const v1::Target& target, DayNumber first, DayNumber last,
                   absl::Time now);
  // NOT_FOUND when absent.
  absl::Status Delete(const std::string& tenant, const std::string& id);
  // Every target, or those whose period contains `day`; by start date.
  absl::StatusOr<std::vector<v1::Target>> List(const std::string& tenant,
                                               std::optional<DayNumber> day);

 private:
  ConnectionPool* pool_;
};

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_STORE_TARGET_STORE_H_
