// ErasureStore over the in-memory stores (service tests).
#ifndef CX_SERVICES_FEEDBACK_STORE_MEMORY_ERASURE_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_MEMORY_ERASURE_STORE_H_

#include <mutex>
#include <vector>

#include "cx/feedback/v1/events.pb.h"
#include "services/feedback/store/erasure_store.h"
#include "services/feedback/store/memory_case_store.h"
#include "services/feedback/store/memory_response_store.h"

namespace cx::feedback {

class MemoryErasureStore final : public ErasureStore {
 public:
  MemoryErasureStore(MemoryResponseStore* responses, MemoryCaseStore* cases)
      : responses_(responses), cases_(cases) {}

  absl::StatusOr<ErasureCounts> EraseCustomer(const std::string& tenant,
                                              const std::string& customer_id,
                                              const std::string& event_id,
                                              absl::Time now) override;

  absl::StatusOr<absl::flat_hash_set<std::string>> ErasedAmong(
      const std::string& tenant,
      const std::vector<std::string>& customer_ids) override;

  // The CustomerErased events written so far.
  std::vector<v1::CustomerErased> outbox();

 private:
  MemoryResponseStore* responses_;
  MemoryCaseStore* cases_;
  std::mutex mu_;
  std::vector<v1::CustomerErased> outbox_;
  absl::flat_hash_set<std::string> erased_keys_;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_MEMORY_ERASURE_STORE_H_
