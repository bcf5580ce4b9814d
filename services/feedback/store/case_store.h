// Persistence of closed-loop cases, their events and the tenants' policies.
// Cases are created by ResponseStore::Insert in the response's transaction
// (NewResponse::opened_case); this store reads and changes them.
#ifndef CX_SERVICES_FEEDBACK_STORE_CASE_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_CASE_STORE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cx/feedback/v1/case.pb.h"

namespace cx::feedback {

struct CaseListQuery {
  std::optional<v1::Case::State> state;
  std::optional<v1::CasePriority> priority;
  std::optional<std::string> owner;
  std::optional<std::string> root_cause;
  std::optional<std::string> customer_id;
  // true: open or in progress and past due; false: the others.
  std::optional<bool> overdue;
  absl::Time now;  // for `overdue`
  // create_time in [opened_from, opened_before).
  std::optional<absl::Time> opened_from;
  std::optional<absl::Time> opened_before;
  // Oldest first (by id), or by due_time (earliest deadline first, then
  // by id): an agent's queue.
  bool by_due_time = false;
  // Resume after this case: its id, and with by_due_time its due_time (in
  // whole microseconds, as stored).
  std::string after_id;
  absl::Time after_due_time;
  int limit = 50;
};

struct CasePage {
  std::vector<v1::Case> cases;
  bool more = false;
};

// Scoped to `tenant` (another tenant's case is NOT_FOUND); thread-safe.
class CaseStore {
 public:
  virtual ~CaseStore() = default;

  virtual absl::StatusOr<v1::Case> Get(const std::string& tenant,
                                       const std::string& id) = 0;
  virtual absl::StatusOr<CasePage> List(const std::string& tenant,
                                        const CaseListQuery& query) = 0;

  // Calls `visit` once for every case of the tenant opened in [from,
  // before), in no promised order: for reports over a period, however many
  // cases it holds.
  virtual absl::Status ForEachCaseOpened(
      const std::string& tenant, absl::Time from, absl::Time before,
      absl::FunctionRef<void(const v1::Case&)> visit) = 0;

  // Atomically reads the case, checks `etag` (when set; ABORTED on
  // mismatch), lets `change` edit it and, when it reports a change, stores it
  // and appends an event of `kind` by `actor` to the tenant's feed.
  virtual absl::StatusOr<v1::Case> Mutate(
      const std::string& tenant, const std::string& id,
      const std::string& etag, const std::string& actor,
      v1::CaseEvent::Kind kind,
      absl::FunctionRef<absl::StatusOr<bool>(v1::Case&)> change) = 0;

  // The tenant's events with sequence > `after`, in order, at most `limit`.
  virtual absl::StatusOr<std::vector<v1::CaseEvent>> EventsAfter(
      const std::string& tenant, int64_t after, int limit) = 0;

  // Events of one case with sequence > `after`, in order, at most `limit`.
  virtual absl::StatusOr<std::vector<v1::CaseEvent>> CaseEventsAfter(
      const std::string& tenant, const std::string& case_id, int64_t after,
      int limit) = 0;

  // (tenant, case id) of open or in-progress cases due before `now`, across
  // tenants: for the escalation sweep, which then mutates each per tenant.
  virtual absl::StatusOr<std::vector<std::pair<std::string, std::string>>>
  FindOverdue(absl::Time now, int limit) = 0;

  // The tenant's policy, or nullopt when it has not set one.
  virtual absl::StatusOr<std::optional<v1::ClosedLoopPolicy>> GetPolicy(
      const std::string& tenant) = 0;
  virtual absl::Status SetPolicy(const std::string& tenant,
                                 const v1::ClosedLoopPolicy& policy,
                                 absl::Time now) = 0;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_CASE_STORE_H_
