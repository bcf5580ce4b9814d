// SettingsStore on MySQL (migrations/0004_tenant_settings.sql).
#ifndef CX_SERVICES_FEEDBACK_STORE_MYSQL_SETTINGS_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_MYSQL_SETTINGS_STORE_H_

#include "common/mysql/connection_pool.h"
#include "services/feedback/store/settings_store.h"

namespace cx::feedback {

class MysqlSettingsStore final : public SettingsStore {
 public:
  // `pool` must outlive the store.
  explicit MysqlSettingsStore(ConnectionPool* pool) : pool_(pool) {}

  absl::StatusOr<std::optional<std::string>> Get(
      const std::string& tenant, const std::string& name) override;
  absl::Status Set(const std::string& tenant, const std::string& name,
                   const std::string& body, absl::Time now) override;

 private:
  ConnectionPool* pool_;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_MYSQL_SETTINGS_STORE_H_
