// Per-tenant configuration documents, stored whole by name.
#ifndef CX_SERVICES_FEEDBACK_STORE_SETTINGS_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_SETTINGS_STORE_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace cx::feedback {

// Thread-safe.
class SettingsStore {
 public:
  virtual ~SettingsStore() = default;
  // The document, or nullopt when the tenant never set it.
  virtual absl::StatusOr<std::optional<std::string>> Get(
      const std::string& tenant, const std::string& name) = 0;
  virtual absl::Status Set(const std::string& tenant, const std::string& name,
                           const std::string& body, absl::Time now) = 0;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_SETTINGS_STORE_H_
