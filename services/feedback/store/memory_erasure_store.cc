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
  if (counts.responses + counts.cases > 0) {
    v1::CustomerErased event;
    event.set_customer_id(customer_id);
    for (const auto& n : names) event.add_responses(n);
    *event.mutable_erase_time() = ToProto(now);
    outbox_.push_back(std::move(event));
  }
  return counts;
}

std::vector<v1::CustomerErased> MemoryErasureStore::outbox() {
  std::lock_guard<std::mutex> lock(mu_);
  return outbox_;
}

}  // namespace cx::feedback
