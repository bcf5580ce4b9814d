#include "services/feedback/store/mysql_settings_store.h"

#include "common/mysql/sql_time.h"

namespace cx::feedback {

absl::StatusOr<std::optional<std::string>> MysqlSettingsStore::Get(
    const std::string& tenant, const std::string& name) {
  std::optional<std::string> body;
  const absl::Status status = pool_->Run([&](Session& s) {
    auto rs = s.QueryArgs(
        "SELECT body FROM tenant_settings WHERE tenant_id = ? AND name = ?",
        tenant, name);
    if (rs->next()) body = GetBytes(*rs, "body");
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return body;
}

absl::Status MysqlSettingsStore::Set(const std::string& tenant,
                                     const std::string& name,
                                     const std::string& body, absl::Time now) {
  return pool_->Transact([&](Session& s) {
    s.ExecuteArgs(
        "INSERT INTO tenant_settings (tenant_id, name, body, update_time) "
        "VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE body = ?, update_time = ?",
        tenant, name, body, ToSqlDatetime(now), body, ToSqlDatetime(now));
    return absl::OkStatus();
  });
}

}  // namespace cx::feedback
