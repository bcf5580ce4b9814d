// In-memory CaseStore: the fake for service tests. MemoryResponseStore opens
// cases here when given one, as the MySQL store does in its transaction.
#ifndef CX_SERVICES_FEEDBACK_STORE_MEMORY_CASE_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_MEMORY_CASE_STORE_H_

#include <map>
#include <mutex>

#include "common/clock.h"
#include "services/feedback/store/case_store.h"

namespace cx::feedback {

class MemoryCaseStore final : public CaseStore {
 public:
  explicit MemoryCaseStore(const Clock* clock) : clock_(clock) {}

  // Removes the customer's cases and their events; returns (cases, events).
  std::pair<int64_t, int64_t> EraseCustomer(const std::string& tenant,
                                            const std::string& customer_id);

  // Stores a newly opened case and its OPENED event.
  void Open(const std::string& tenant, const std::string& id, v1::Case c);

  absl::StatusOr<v1::Case> Get(const std::string& tenant,
                               const std::string& id) override;
  absl::StatusOr<CasePage> List(const std::string& tenant,
                                const CaseListQuery& query) override;
  absl::Status ForEachCaseOpened(
      const std::string& tenant, absl::Time from, absl::Time before,
      absl::FunctionRef<void(const v1::Case&)> visit) override;
  absl::StatusOr<v1::Case> Mutate(
      const std::string& tenant, const std::string& id,
      const std::string& etag, const std::string& actor,
      v1::CaseEvent::Kind kind,
      absl::FunctionRef<absl::StatusOr<bool>(v1::Case&)> change) override;
  absl::StatusOr<std::vector<v1::CaseEvent>> EventsAfter(
      const std::string& tenant, int64_t after, int limit) override;
  absl::StatusOr<std::vector<v1::CaseEvent>> CaseEventsAfter(
      const std::string& tenant, const std::string& case_id, int64_t after,
      int limit) override;
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> FindOverdue(
      absl::Time now, int limit) override;
  absl::StatusOr<std::optional<v1::ClosedLoopPolicy>> GetPolicy(
      const std::string& tenant) override;
  absl::Status SetPolicy(const std::string& tenant,
                         const v1::ClosedLoopPolicy& policy,
                         absl::Time now) override;

 private:
  using Key = std::pair<std::string, std::string>;
  void AppendEvent(const std::string& tenant, const v1::Case& c,
                   const std::string& previous_owner, const std::string& actor,
                   v1::CaseEvent::Kind kind);

  const Clock* clock_;
  std::mutex mu_;
  std::map<Key, std::pair<v1::Case, int64_t>> cases_;  // case, revision
  std::map<std::string, std::vector<v1::CaseEvent>> events_;
  std::map<std::string, int64_t> last_sequence_;
  std::map<std::string, v1::ClosedLoopPolicy> policies_;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_MEMORY_CASE_STORE_H_
