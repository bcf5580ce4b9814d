#include "services/feedback/store/memory_erasure_store.h"

#include "common/proto_time.h"

namespace cx::feedback {

absl::StatusOr<ErasureCounts> MemoryErasureStore::EraseCustomer(
    const std::string& tenant, const std::string& customer_id,
    const std::string& event_id, absl::Time now) {
  std::lock_guard<std::mutex> lock(mu_);
  ErasureCounts counts;
  const std::vector<std::string> names =
      responses_->EraseCustomer(tenant, customer_id);
  const auto [cases, events] = cases_->EraseCustomer(tenant, customer_id);
  counts.responses = static_cast<int64_t>(names.size());
  counts.cases = cases;
  counts.case_events = events;
  erased_keys_.insert(ErasedCustomerKey(tenant, customer_id));
  if (counts.responses + counts.cases > 0) {
    v1::CustomerErased event;
    event.set_customer_id(customer_id);
    for (const auto& n : names) event.add_responses(n);
    *event.mutable_erase_time() = ToProto(now);
    outbox_.push_back(std::move(event));
  }
  return counts;
}

absl::StatusOr<absl::flat_hash_set<std::string>> MemoryErasureStore::ErasedAmong(
    const std::string& tenant, const std::vector<std::string>& customer_ids) {
  std::lock_guard<std::mutex> lock(mu_);
  absl::flat_hash_set<std::string> erased;
  for (const std::string& id : customer_ids) {
    if (erased_keys_.contains(ErasedCustomerKey(tenant, id))) erased.insert(id);
  }
  return erased;
}

std::vector<v1::CustomerErased> MemoryErasureStore::outbox() {
  std::lock_guard<std::mutex> lock(mu_);
  return outbox_;
}

}  // namespace cx::feedback
