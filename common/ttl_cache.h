// A small thread-safe map whose entries expire, for per-tenant settings read
// on hot paths. Bounded: a full cache starts over.
#ifndef CX_COMMON_TTL_CACHE_H_
#define CX_COMMON_TTL_CACHE_H_

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "absl/time/time.h"

namespace cx {

template <typename V>
class TtlCache {
 public:
  TtlCache(absl::Duration ttl, size_t max_entries = 10000)
      : ttl_(ttl), max_entries_(max_entries) {}

  std::optional<V> Get(const std::string& key, absl::Time now) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end() || now >= it->second.second) return std::nullopt;
    return it->second.first;
  }
  void Put(const std::string& key, V value, absl::Time now) {
    std::lock_guard<std::mutex> lock(mu_);
    if (entries_.size() >= max_entries_) entries_.clear();
    entries_[key] = {std::move(value), now + ttl_};
  }
  void Erase(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.erase(key);
  }

 private:
  const absl::Duration ttl_;
  const size_t max_entries_;
  std::mutex mu_;
  std::map<std::string, std::pair<V, absl::Time>> entries_;
};

}  // namespace cx

#endif  // CX_COMMON_TTL_CACHE_H_
