// Persistence of survey responses.
#ifndef CX_SERVICES_FEEDBACK_STORE_RESPONSE_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_RESPONSE_STORE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cx/feedback/v1/case.pb.h"
#include "cx/feedback/v1/response.pb.h"
#include "services/feedback/domain/response_filter.h"
#include "services/feedback/store/opened_case.h"

namespace cx::feedback {

// A validated response ready to store; `response.name` is already assigned.
struct NewResponse {
  std::string survey_id;
  std::string id;
  v1::Response response;
  std::optional<int> score;
  std::string request_id;
  // A closed-loop case the response opens, stored in the same transaction
  // (and not at all when the request id was already used). Stores without
  // case support ignore it.
  std::optional<v1::Case> opened_case;
  std::string case_id;
  // `opened_case` as stored (SerializeOpenedCase), filled like `body` while
  // the call is prepared; when unset, the store serializes it itself.
  std::optional<OpenedCaseBodies> case_bodies;
  // The outbox event (a serialized ResponseRecorded, whose event_id is
  // `event_id`) stored in the same transaction for downstream services.
  // Stores without an outbox ignore it.
  std::string event_id;
  std::string recorded_event;
  // `response` serialized, as stored. The service fills it while preparing
  // the call, on the call's own thread, so the group commit's one writer
  // thread (which every waiting call waits for) need not; when empty, the
  // store serializes `response` itself.
  std::string body;
  // TopicColumn(response) and KeywordColumn(response), filled like `body`;
  // when unset, the store computes them.
  std::optional<std::string> topic_column;
  std::optional<std::string> keyword_column;
};

struct TenantResponse {
  std::string tenant;
  const NewResponse* response;  // not owned
};

// What became of one response of an InsertBatch.
struct InsertOutcome {
  // Not OK: nothing was stored for it.
  absl::Status status;
  // Set when its request id was used before: the response stored then (and
  // the given one was not stored). Unset with an OK status: the given
  // response was stored as it is (so callers need no copy of it back).
  std::optional<v1::Response> earlier;

  static InsertOutcome Failed(absl::Status status) {
    InsertOutcome outcome;
    outcome.status = std::move(status);
    return outcome;
  }

  // The stored response, as Insert returns it, given the one that was to be
  // stored (moved in by a caller that owns it: no copy).
  absl::StatusOr<v1::Response> StoredOr(v1::Response given) && {
    if (!status.ok()) return status;
    if (earlier) return *std::move(earlier);
    return given;
  }
};

// Whose write it is: live ingest, with calls waiting for their ack, or a
// bulk import, which can wait for them.
enum class WritePriority { kLive, kBulk };

struct ResponseListQuery {
  std::string survey_id;  // "" for every survey
  std::vector<ResponseCondition> conditions;
  std::string after_id;
  int limit = 50;
};

struct ResponsePage {
  std::vector<v1::Response> responses;
  bool more = false;
};

// Scoped to `tenant` like SurveyStore; thread-safe.
class ResponseStore {
 public:
  virtual ~ResponseStore() = default;

  // Durably stores the response and returns it; returns only after commit.
  // With a non-empty request_id this tenant already used, stores nothing and
  // returns the response stored first.
  virtual absl::StatusOr<v1::Response> Insert(const std::string& tenant,
                                              const NewResponse& response) = 0;

  // Stores several responses, of any tenants, in one transaction where the
  // store can (group commit); same contract per item as Insert. Outcomes are
  // in the order of `batch`. The default inserts one at a time.
  virtual std::vector<InsertOutcome> InsertBatch(
      const std::vector<TenantResponse>& batch);

  // A bulk import's batch: the same contract as InsertBatch, but where the
  // store can, it yields to live ingest instead of delaying its acks. The
  // default is InsertBatch.
  virtual std::vector<InsertOutcome> InsertBulk(
      const std::vector<TenantResponse>& batch) {
    return InsertBatch(batch);
  }

  // Insert without blocking the caller where the store can: `done` gets the
  // result (after commit), possibly on another thread. The store owns
  // `response` from here and may move the stored response out of it for
  // `done`. The default runs Insert and calls `done` before returning.
  using InsertDone = std::function<void(absl::StatusOr<v1::Response>)>;
  virtual void InsertAsync(const std::string& tenant,
                           std::shared_ptr<NewResponse> response,
                           InsertDone done) {
    done(Insert(tenant, *response));
  }

  virtual absl::StatusOr<v1::Response> Get(const std::string& tenant,
                                           const std::string& survey_id,
                                           const std::string& id) = 0;

  // Ordered by id (creation order).
  virtual absl::StatusOr<ResponsePage> List(const std::string& tenant,
                                            const ResponseListQuery& query) = 0;

  // Calls `visit` once for every response of the tenant submitted in
  // [from, before) (of `survey_id`, or of every survey when it is empty), in
  // no promised order: for reports over a period, however many it holds.
  // Stops at the first error `visit` returns, and returns it.
  virtual absl::Status ForEachResponseSubmitted(
      const std::string& tenant, const std::string& survey_id,
      absl::Time from, absl::Time before,
      absl::FunctionRef<absl::Status(const v1::Response&)> visit) = 0;

  // Rewrites stored responses of the tenant whose comments were analysed
  // again, in one transaction; each of `responses` must be a stored one
  // (by name) with nothing but its answers' analyses changed. Responses
  // erased meanwhile stay erased.
  virtual absl::Status ReplaceAnalyses(
      const std::string& tenant, const std::vector<v1::Response>& responses) = 0;
};

inline std::vector<InsertOutcome> ResponseStore::InsertBatch(
    const std::vector<TenantResponse>& batch) {
  std::vector<InsertOutcome> outcomes;
  outcomes.reserve(batch.size());
  for (const TenantResponse& item : batch) {
    absl::StatusOr<v1::Response> stored = Insert(item.tenant, *item.response);
    InsertOutcome& outcome = outcomes.emplace_back();
    outcome.status = stored.status();
    if (stored.ok() && stored->name() != item.response->response.name()) {
      outcome.earlier = *std::move(stored);
    }
  }
  return outcomes;
}

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_RESPONSE_STORE_H_
