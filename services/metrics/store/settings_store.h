// Per-tenant metrics settings (time zone, revenue currency), kept on the
// tenant's metric_tenants row.
#ifndef CX_SERVICES_METRICS_STORE_SETTINGS_STORE_H_
#define CX_SERVICES_METRICS_STORE_SETTINGS_STORE_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/mysql/connection_pool.h"
#include "cx/metrics/v1/metrics_service.pb.h"

namespace cx::metrics {

class SettingsStore {
 public:
  explicit SettingsStore(ConnectionPool* pool) : pool_(pool) {}

  // Defaults (UTC, no currency) for tenants never seen.
  absl::StatusOr<v1::MetricsSettings> Get(const std::string& tenant);
  // `time_zone` must already be validated.
  absl::StatusOr<v1::MetricsSettings> SetTimeZone(const std::string& tenant,
                                                  const std::string& time_zone);

 private:
  ConnectionPool* pool_;
};

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_STORE_SETTINGS_STORE_H_
