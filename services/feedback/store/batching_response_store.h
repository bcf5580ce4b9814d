// Group commit for response ingest: concurrent Insert calls are queued and
// written by a few writer threads, each taking everything queued (up to
// max_batch) into one transaction of the inner store. Each call returns only
// after the transaction holding its response has committed.
//
// Acknowledgements (the `done` callbacks, which send the gRPC replies) run
// on a thread of their own, so a writer starts its next transaction as soon
// as the last one committed instead of after answering each of its calls.
//
// Back-pressure: when max_pending responses are already waiting, Insert
// returns RESOURCE_EXHAUSTED with RetryInfo at once instead of queueing
// without bound. A batch that fails with INTERNAL is retried one response at
// a time, so one bad response fails only its own call.
#ifndef CX_SERVICES_FEEDBACK_STORE_BATCHING_RESPONSE_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_BATCHING_RESPONSE_STORE_H_

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "services/feedback/store/response_store.h"

namespace cx::feedback {

struct BatchingOptions {
  int max_batch = 256;
  int max_pending = 4096;
  // More writers overlap one transaction's commit with the next one's
  // statements, but split what is queued into smaller transactions; on a
  // database sharing two cores with the service one writer measured best.
  int writers = 1;
};

// Thread-safe. Reads go straight to the inner store.
class BatchingResponseStore final : public ResponseStore {
 public:
  // `inner` must outlive this store.
  BatchingResponseStore(ResponseStore* inner, BatchingOptions options);
  // Drains what is queued, then stops the writers.
  ~BatchingResponseStore() override;

  absl::StatusOr<v1::Response> Insert(const std::string& tenant,
                                      const NewResponse& response) override;
  // Queues the response; `done` runs on a writer thread after the commit
  // (or at once with RESOURCE_EXHAUSTED when the queue is full).
  void InsertAsync(const std::string& tenant,
                   std::shared_ptr<NewResponse> response,
                   InsertDone done) override;
  // Already a batch: written at once, bypassing the queue.
  std::vector<InsertOutcome> InsertBatch(
      const std::vector<TenantResponse>& batch) override {
    return WriteIsolated(batch, WritePriority::kLive);
  }
  std::vector<InsertOutcome> InsertBulk(
      const std::vector<TenantResponse>& batch) override {
    return WriteIsolated(batch, WritePriority::kBulk);
  }
  absl::StatusOr<v1::Response> Get(const std::string& tenant,
                                   const std::string& survey_id,
                                   const std::string& id) override {
    return inner_->Get(tenant, survey_id, id);
  }
  absl::StatusOr<ResponsePage> List(const std::string& tenant,
                                    const ResponseListQuery& query) override {
    return inner_->List(tenant, query);
  }
  absl::Status ForEachResponseSubmitted(
      const std::string& tenant, const std::string& survey_id,
      absl::Time from, absl::Time before,
      absl::FunctionRef<absl::Status(const v1::Response&)> visit) override {
    return inner_->ForEachResponseSubmitted(tenant, survey_id, from, before,
                                            visit);
  }
  absl::Status ReplaceAnalyses(
      const std::string& tenant,
      const std::vector<v1::Response>& responses) override {
    return inner_->ReplaceAnalyses(tenant, responses);
  }

 private:
  struct Pending {
    TenantResponse item;
    // Owns item.response, or null when the caller lends it (and waits).
    std::shared_ptr<NewResponse> owner;
    InsertDone done;

    // The response to answer with once stored: moved out of an owned one
    // (nothing reads it after its call is answered), copied from a lent one.
    v1::Response TakeResponse() {
      return owner ? std::move(owner->response) : item.response->response;
    }
  };

  struct Written {
    std::vector<std::unique_ptr<Pending>> batch;
    std::vector<InsertOutcome> outcomes;
  };

  // Queues `pending`, or answers RESOURCE_EXHAUSTED when the queue is full.
  void Enqueue(std::unique_ptr<Pending> pending);
  void WriterLoop();
  void AckLoop();
  void Write(std::vector<std::unique_ptr<Pending>> batch);
  // One transaction for `items`; if the database refuses it (INTERNAL),
  // each item again on its own so only the bad one fails.
  std::vector<InsertOutcome> WriteIsolated(
      const std::vector<TenantResponse>& items, WritePriority priority);
  // The inner store's write for `priority`.
  std::vector<InsertOutcome> WriteInner(
      const std::vector<TenantResponse>& items, WritePriority priority);

  ResponseStore* inner_;
  const BatchingOptions options_;
  std::mutex mu_;
  std::condition_variable work_;
  std::deque<std::unique_ptr<Pending>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> writers_;

  std::mutex ack_mu_;
  std::condition_variable ack_work_;
  std::deque<Written> written_;
  bool writers_done_ = false;
  std::thread acker_;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_BATCHING_RESPONSE_STORE_H_
