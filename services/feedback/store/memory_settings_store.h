// In-memory SettingsStore (service tests).
#ifndef CX_SERVICES_FEEDBACK_STORE_MEMORY_SETTINGS_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_MEMORY_SETTINGS_STORE_H_

#include <map>
#include <mutex>

#include "services/feedback/store/settings_store.h"

namespace cx::feedback {

class MemorySettingsStore final : public SettingsStore {
 public:
  absl::StatusOr<std::optional<std::string>> Get(
      const std::string& tenant, const std::string& name) override {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = documents_.find({tenant, name});
    if (it == documents_.end()) return std::nullopt;
    return it->second;
  }
  absl::Status Set(const std::string& tenant, const std::string& name,
                   const std::string& body, absl::Time) override {
    std::lock_guard<std::mutex> lock(mu_);
    documents_[{tenant, name}] = body;
    return absl::OkStatus();
  }

 private:
  std::mutex mu_;
  std::map<std::pair<std::string, std::string>, std::string> documents_;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_MEMORY_SETTINGS_STORE_H_
