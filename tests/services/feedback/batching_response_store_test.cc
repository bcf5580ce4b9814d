#include "services/feedback/store/batching_response_store.h"

#include <atomic>
#include <future>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "services/feedback/store/memory_response_store.h"

namespace cx::feedback {
namespace {

NewResponse Make(int i, const std::string& request_id = "") {
  const std::string id = absl::StrFormat("%032d", i);
  NewResponse r;
  r.survey_id = std::string("s");  // (assigning the literal trips g++ 12's -Wrestrict)
  r.id = id;
  r.request_id = request_id;
  r.response.set_name(absl::StrCat("surveys/s/responses/", id));
  return r;
}

// Records batch sizes; can block writes until released and fail items whose
// customer id is "poison" (as a database refusing a row would fail a batch).
class RecordingStore final : public ResponseStore {
 public:
  absl::StatusOr<v1::Response> Insert(const std::string& tenant,
                                      const NewResponse& r) override {
    if (r.response.customer_id() == "poison") {
      return absl::InternalError("data too long");
    }
    return memory_.Insert(tenant, r);
  }
  std::vector<InsertOutcome> InsertBatch(
      const std::vector<TenantResponse>& batch) override {
    return Write(batch, sizes_);
  }
  std::vector<InsertOutcome> InsertBulk(
      const std::vector<TenantResponse>& batch) override {
    return Write(batch, bulk_sizes_);
  }
  absl::StatusOr<v1::Response> Get(const std::string& t, const std::string& s,
                                   const std::string& id) override {
    return memory_.Get(t, s, id);
  }
  absl::StatusOr<ResponsePage> List(const std::string& t,
                                    const ResponseListQuery& q) override {
    return memory_.List(t, q);
  }
  absl::Status ForEachResponseSubmitted(
      const std::string& t, const std::string& s, absl::Time from,
      absl::Time before,
      absl::FunctionRef<absl::Status(const v1::Response&)> visit) override {
    return memory_.ForEachResponseSubmitted(t, s, from, before, visit);
  }
  absl::Status ReplaceAnalyses(
      const std::string& t, const std::vector<v1::Response>& rs) override {
    return memory_.ReplaceAnalyses(t, rs);
  }
  // Sizes of the live batches written, and of the bulk ones.
  std::vector<size_t> sizes() {
    std::lock_guard<std::mutex> lock(mu_);
    return sizes_;
  }
  std::vector<size_t> bulk_sizes() {
    std::lock_guard<std::mutex> lock(mu_);
    return bulk_sizes_;
  }
  std::atomic<bool> blocked_{false};

 private:
  std::vector<InsertOutcome> Write(const std::vector<TenantResponse>& batch,
                                   std::vector<size_t>& sizes) {
    while (blocked_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    {
      std::lock_guard<std::mutex> lock(mu_);
      sizes.push_back(batch.size());
    }
    for (const auto& item : batch) {
      if (item.response->response.customer_id() == "poison") {
        return std::vector<InsertOutcome>(
            batch.size(), InsertOutcome::Failed(absl::InternalError("data too long")));
      }
    }
    return ResponseStore::InsertBatch(batch);
  }

  MemoryResponseStore memory_;
  std::mutex mu_;
  std::vector<size_t> sizes_;
  std::vector<size_t> bulk_sizes_;
};

TEST(BatchingResponseStoreTest, ConcurrentInsertsShareTransactions) {
  RecordingStore inner;
  inner.blocked_ = true;  // let a queue build up behind the first write
  BatchingResponseStore store(&inner, {.max_batch = 64, .max_pending = 1000,
                                       .writers = 1});
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int i = 0; i < 40; ++i) {
    clients.emplace_back([&, i] { ok += store.Insert("t", Make(i)).ok(); });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  inner.blocked_ = false;
  for (auto& c : clients) c.join();
  EXPECT_EQ(ok.load(), 40);
  const auto sizes = inner.sizes();
  EXPECT_LT(sizes.size(), 40u) << "no call was coalesced";
  size_t total = 0;
  for (size_t n : sizes) total += n;
  EXPECT_EQ(total, 40u);
}

// An owned response is answered with by moving it out once stored; a retry
// of a request id is answered with the response stored first, not its own.
TEST(BatchingResponseStoreTest, AsyncInsertsAnswerWithTheStoredResponse) {
  RecordingStore inner;
  BatchingResponseStore store(&inner, {});
  auto insert = [&](NewResponse r) {
    std::promise<absl::StatusOr<v1::Response>> answered;
    store.InsertAsync("t", std::make_shared<NewResponse>(std::move(r)),
                      [&](absl::StatusOr<v1::Response> result) {
                        answered.set_value(std::move(result));
                      });
    return answered.get_future().get();
  };
  NewResponse first = Make(1, "req-1");
  first.response.set_customer_id("c-1");
  absl::StatusOr<v1::Response> stored = insert(first);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(stored->name(), first.response.name());
  EXPECT_EQ(stored->customer_id(), "c-1");

  NewResponse retry = Make(2, "req-1");
  retry.response.set_customer_id("c-2");
  absl::StatusOr<v1::Response> again = insert(retry);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->name(), first.response.name());
  EXPECT_EQ(again->customer_id(), "c-1");
}

TEST(BatchingResponseStoreTest, FullQueueIsResourceExhaustedWithRetryInfo) {
  RecordingStore inner;
  inner.blocked_ = true;
  BatchingResponseStore store(&inner, {.max_batch = 1, .max_pending = 2,
                                       .writers = 1});
  // One in the (blocked) writer, two queued: the queue is full.
  std::vector<std::thread> clients;
  for (int i = 0; i < 3; ++i) {
    clients.emplace_back([&, i] { (void)store.Insert("t", Make(i)); });
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }
  const absl::Status s = store.Insert("t", Make(99)).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ReasonOf(s), "INGEST_QUEUE_FULL");
  EXPECT_TRUE(s.GetPayload(PayloadKey<google::rpc::RetryInfo>()).has_value());
  inner.blocked_ = false;
  for (auto& c : clients) c.join();
  EXPECT_EQ(inner.sizes().size(), 3u);  // the refused one was never written
}

TEST(BatchingResponseStoreTest, ABadResponseFailsOnlyItsOwnCall) {
  RecordingStore inner;
  inner.blocked_ = true;
  BatchingResponseStore store(&inner, {.max_batch = 64, .max_pending = 100,
                                       .writers = 1});
  std::vector<std::thread> clients;
  std::vector<absl::Status> results(10);
  for (int i = 0; i < 10; ++i) {
    clients.emplace_back([&, i] {
      NewResponse r = Make(i);
      if (i == 3) r.response.set_customer_id("poison");
      results[i] = store.Insert("t", r).status();
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  inner.blocked_ = false;
  for (auto& c : clients) c.join();
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(results[i].ok(), i != 3) << i << ": " << results[i];
  }
}

TEST(BatchingResponseStoreTest, BulkBatchesStayBulkWhenABadRecordIsIsolated) {
  RecordingStore inner;
  BatchingResponseStore store(&inner, {});
  std::vector<NewResponse> records;
  for (int i = 0; i < 4; ++i) records.push_back(Make(i));
  records[2].response.set_customer_id("poison");
  std::vector<TenantResponse> items;
  for (const NewResponse& r : records) items.push_back({"t", &r});
  const std::vector<InsertOutcome> outcomes = store.InsertBulk(items);
  ASSERT_EQ(outcomes.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(outcomes[i].status.ok(), i != 2) << i << ": " << outcomes[i].status;
  }
  // The batch, then each record on its own: all written as bulk.
  EXPECT_EQ(inner.bulk_sizes(), (std::vector<size_t>{4, 1, 1, 1, 1}));
  EXPECT_TRUE(inner.sizes().empty());
}

TEST(BatchingResponseStoreTest, DestructionDrainsTheQueue) {
  RecordingStore inner;
  inner.blocked_ = true;  // responses pile up behind a stuck first write
  auto store = std::make_unique<BatchingResponseStore>(
      &inner, BatchingOptions{.max_batch = 4, .max_pending = 100, .writers = 1});
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int i = 0; i < 20; ++i) {
    clients.emplace_back([&, i] { ok += store->Insert("t", Make(i)).ok(); });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(ok.load(), 0);  // nothing committed yet
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    inner.blocked_ = false;
  });
  // Shutting down while 20 responses wait: every one is still written
  // (in batches of at most 4) before the destructor returns.
  store.reset();
  size_t written = 0;
  for (size_t n : inner.sizes()) written += n;
  EXPECT_EQ(written, 20u);
  release.join();
  for (auto& c : clients) c.join();
  EXPECT_EQ(ok.load(), 20);
}

}  // namespace
}  // namespace cx::feedback
