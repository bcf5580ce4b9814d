#include "services/metrics/store/settings_store.h"

namespace cx::metrics {

absl::StatusOr<v1::MetricsSettings> SettingsStore::Get(const std::string& tenant) {
  v1::MetricsSettings settings;
  settings.set_time_zone("UTC");
  const absl::Status status = pool_->Run([&](Session& s) -> absl::Status {
    auto rs = s.QueryArgs(
        "SELECT time_zone, currency_code FROM metric_tenants WHERE tenant_id = ?",
        tenant);
    if (rs->next()) {
      settings.set_time_zone(rs->getString("time_zone").asStdString());
      settings.set_currency_code(rs->getString("currency_code").asStdString());
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return settings;
}

absl::StatusOr<v1::MetricsSettings> SettingsStore::SetTimeZone(
    const std::string& tenant, const std::string& time_zone) {
  const absl::Status status = pool_->Transact([&](Session& s) -> absl::Status {
    s.ExecuteArgs(
        "INSERT INTO metric_tenants (tenant_id, revision, time_zone) "
        "VALUES (?, 0, ?) ON DUPLICATE KEY UPDATE time_zone = VALUES(time_zone)",
        tenant, time_zone);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return Get(tenant);
}

}  // namespace cx::metrics
