// The right to erasure across every feedback table, atomically.
#ifndef CX_SERVICES_FEEDBACK_STORE_ERASURE_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_ERASURE_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace cx::feedback {

// What an erasure keeps of a customer: the hex SHA-256 of tenant and id.
std::string ErasedCustomerKey(const std::string& tenant,
                              const std::string& customer_id);

struct ErasureCounts {
  int64_t responses = 0;
  int64_t cases = 0;
  int64_t case_events = 0;
};

// Thread-safe.
class ErasureStore {
 public:
  virtual ~ErasureStore() = default;

  // Deletes the customer's responses, their cases and the cases' events in
  // one transaction and, when anything was deleted, writes a CustomerErased
  // event to the outbox in the same transaction. Repeating it deletes
  // nothing more and returns zeros.
  // Also remembers the customer (as ErasedCustomerKey) for ErasedAmong.
  virtual absl::StatusOr<ErasureCounts> EraseCustomer(
      const std::string& tenant, const std::string& customer_id,
      const std::string& event_id, absl::Time now) = 0;

  // Which of `customer_ids` were erased before: imports refuse their records
  // so an old file cannot bring them back.
  virtual absl::StatusOr<absl::flat_hash_set<std::string>> ErasedAmong(
      const std::string& tenant, const std::vector<std::string>& customer_ids) = 0;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_ERASURE_STORE_H_
