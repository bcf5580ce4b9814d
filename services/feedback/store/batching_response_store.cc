#include "services/feedback/store/batching_response_store.h"

#include <pthread.h>

#include <future>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace cx::feedback {

BatchingResponseStore::BatchingResponseStore(ResponseStore* inner,
                                             BatchingOptions options)
    : inner_(inner), options_(options) {
  acker_ = std::thread([this] { AckLoop(); });
  for (int i = 0; i < options_.writers; ++i) {
    writers_.emplace_back([this] { WriterLoop(); });
  }
}

BatchingResponseStore::~BatchingResponseStore() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  for (auto& w : writers_) w.join();
  {
    std::lock_guard<std::mutex> lock(ack_mu_);
    writers_done_ = true;
  }
  ack_work_.notify_all();
  acker_.join();
}

absl::StatusOr<v1::Response> BatchingResponseStore::Insert(
    const std::string& tenant, const NewResponse& response) {
  // The caller's response outlives the wait: borrow it, don't copy it.
  std::promise<absl::StatusOr<v1::Response>> promise;
  std::future<absl::StatusOr<v1::Response>> done = promise.get_future();
  auto pending = std::make_unique<Pending>();
  pending->item = {tenant, &response};
  pending->done = [&promise](absl::StatusOr<v1::Response> result) {
    promise.set_value(std::move(result));
  };
  Enqueue(std::move(pending));
  return done.get();
}

void BatchingResponseStore::InsertAsync(const std::string& tenant,
                                        std::shared_ptr<NewResponse> response,
                                        InsertDone done) {
  auto pending = std::make_unique<Pending>();
  pending->item = {tenant, response.get()};
  pending->owner = std::move(response);
  pending->done = std::move(done);
  Enqueue(std::move(pending));
}

void BatchingResponseStore::Enqueue(std::unique_ptr<Pending> pending) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (static_cast<int>(queue_.size()) >= options_.max_pending) {
      absl::Status status = WithReason(
          absl::ResourceExhaustedError(absl::StrCat(
              "ingest queue is full (", options_.max_pending,
              " responses waiting for the database); retry shortly")),
          "INGEST_QUEUE_FULL");
      // RetryInfo tells well-behaved clients how long to back off.
      pending->done(WithRetryInfo(std::move(status), absl::Milliseconds(100)));
      return;
    }
    queue_.push_back(std::move(pending));
  }
  work_.notify_one();
}

void BatchingResponseStore::WriterLoop() {
  pthread_setname_np(pthread_self(), "cx-ingest-write");
  std::vector<std::unique_ptr<Pending>> batch;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and drained
      while (!queue_.empty() &&
             static_cast<int>(batch.size()) < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    Write(std::move(batch));
    batch.clear();
  }
}

void BatchingResponseStore::AckLoop() {
  pthread_setname_np(pthread_self(), "cx-ingest-ack");
  while (true) {
    Written written;
    {
      std::unique_lock<std::mutex> lock(ack_mu_);
      ack_work_.wait(lock, [this] { return writers_done_ || !written_.empty(); });
      if (written_.empty()) return;  // writers gone, everything answered
      written = std::move(written_.front());
      written_.pop_front();
    }
    for (size_t i = 0; i < written.batch.size(); ++i) {
      Pending& p = *written.batch[i];
      p.done(std::move(written.outcomes[i]).StoredOr(p.TakeResponse()));
    }
  }
}

std::vector<InsertOutcome> BatchingResponseStore::WriteInner(
    const std::vector<TenantResponse>& items, WritePriority priority) {
  return priority == WritePriority::kLive ? inner_->InsertBatch(items)
                                          : inner_->InsertBulk(items);
}

std::vector<InsertOutcome> BatchingResponseStore::WriteIsolated(
    const std::vector<TenantResponse>& items, WritePriority priority) {
  std::vector<InsertOutcome> outcomes = WriteInner(items, priority);
  const bool batch_failed =
      items.size() > 1 && !outcomes.empty() &&
      outcomes[0].status.code() == absl::StatusCode::kInternal;
  if (batch_failed) {
    // Something in the batch was refused by the database: isolate it.
    for (size_t i = 0; i < items.size(); ++i) {
      outcomes[i] = std::move(WriteInner({items[i]}, priority)[0]);
    }
  }
  return outcomes;
}

void BatchingResponseStore::Write(std::vector<std::unique_ptr<Pending>> batch) {
  std::vector<TenantResponse> items;
  items.reserve(batch.size());
  for (const auto& p : batch) items.push_back(p->item);
  Written written{std::move(batch), WriteIsolated(items, WritePriority::kLive)};
  {
    std::lock_guard<std::mutex> lock(ack_mu_);
    written_.push_back(std::move(written));
  }
  ack_work_.notify_one();
}

}  // namespace cx::feedback
