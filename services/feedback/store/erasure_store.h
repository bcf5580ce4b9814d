// The right to erasure across every feedback table, atomically.
#ifndef CX_SERVICES_FEEDBACK_STORE_ERASURE_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_ERASURE_STORE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace cx::feedback {

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
  virtual absl::StatusOr<ErasureCounts> EraseCustomer(
      const std::string& tenant, const std::string& customer_id,
      const std::string& event_id, absl::Time now) = 0;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_ERASURE_STORE_H_
