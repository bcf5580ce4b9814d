// SubmitResponses (the bidirectional ingest stream) through the real service
// (in-process, in-memory stores).
#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/grpc/status_conversion.h"
#include "gtest/gtest.h"
#include "services/feedback/store/batching_response_store.h"
#include "tests/services/feedback/feedback_service_fixture.h"
#include "tests/testing/status_fields.h"

namespace cx::feedback {
namespace {

using cx::testing::BadRequestFields;
using grpc::StatusCode;
using Stream = grpc::ClientReaderWriter<v1::SubmitResponsesRequest,
                                        v1::SubmitResponsesResponse>;

// A response store that holds every commit until the test releases it, the
// way a slow database holds group commits.
class HeldResponseStore final : public ResponseStore {
 public:
  explicit HeldResponseStore(ResponseStore* store) : store_(store) {}

  absl::StatusOr<v1::Response> Insert(const std::string& tenant,
                                      const NewResponse& response) override {
    return store_->Insert(tenant, response);
  }
  void InsertAsync(const std::string& tenant,
                   std::shared_ptr<NewResponse> response,
                   InsertDone done) override {
    absl::MutexLock lock(&mu_);
    held_.push_back({tenant, std::move(response), std::move(done)});
  }
  absl::StatusOr<v1::Response> Get(const std::string& tenant,
                                   const std::string& survey_id,
                                   const std::string& id) override {
    return store_->Get(tenant, survey_id, id);
  }
  absl::StatusOr<ResponsePage> List(const std::string& tenant,
                                    const ResponseListQuery& query) override {
    return store_->List(tenant, query);
  }
  absl::Status ForEachResponseSubmitted(
      const std::string& tenant, const std::string& survey_id,
      absl::Time from, absl::Time before,
      absl::FunctionRef<absl::Status(const v1::Response&)> visit) override {
    return store_->ForEachResponseSubmitted(tenant, survey_id, from, before,
                                            visit);
  }
  absl::Status ReplaceAnalyses(
      const std::string& tenant,
      const std::vector<v1::Response>& responses) override {
    return store_->ReplaceAnalyses(tenant, responses);
  }

  // Waits until `n` inserts are held.
  void AwaitHeld(size_t n) {
    absl::MutexLock lock(&mu_);
    awaited_ = n;
    mu_.Await(absl::Condition(this, &HeldResponseStore::EnoughHeld));
  }
  size_t HeldCount() {
    absl::MutexLock lock(&mu_);
    return held_.size();
  }
  // Commits everything held so far and acknowledges it.
  void ReleaseAll() {
    std::vector<Held> held;
    {
      absl::MutexLock lock(&mu_);
      held.swap(held_);
    }
    for (Held& h : held) h.done(store_->Insert(h.tenant, *h.response));
  }

 private:
  struct Held {
    std::string tenant;
    std::shared_ptr<NewResponse> response;
    InsertDone done;
  };
  bool EnoughHeld() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return held_.size() >= awaited_;
  }

  ResponseStore* const store_;
  absl::Mutex mu_;
  std::vector<Held> held_ ABSL_GUARDED_BY(mu_);
  size_t awaited_ ABSL_GUARDED_BY(mu_) = 0;
};

class FeedbackStreamTest : public FeedbackServiceTest {
 protected:
  void SetUp() override {
    FeedbackServiceTest::SetUp();
    survey_ = CreatePublished();
  }

  v1::SubmitResponsesRequest Submission(int nps,
                                        const std::string& request_id = "") {
    v1::SubmitResponsesRequest req;
    req.set_parent(survey_.name());
    *req.mutable_response() = testing::NpsResponse(nps);
    req.set_request_id(request_id);
    return req;
  }

  // Writes every submission (on a thread of its own: once the server's
  // window is full, replies must be read meanwhile), half-closes, and
  // returns the replies by index (failing on a duplicate) and the final
  // status.
  grpc::Status SubmitAll(
      const std::vector<v1::SubmitResponsesRequest>& submissions,
      std::map<int64_t, v1::SubmitResponsesResponse>* replies,
      const std::vector<std::string>& roles = {"ingest"}) {
    auto ctx = As("acme", roles);
    std::unique_ptr<Stream> stream = stub_->SubmitResponses(ctx.get());
    std::thread writer([&] {
      for (const auto& s : submissions) {
        if (!stream->Write(s)) break;
      }
      stream->WritesDone();
    });
    v1::SubmitResponsesResponse reply;
    while (stream->Read(&reply)) {
      EXPECT_TRUE(replies->emplace(reply.index(), reply).second)
          << "second reply for submission " << reply.index();
    }
    writer.join();
    return stream->Finish();
  }

  static grpc::Status ErrorOf(const v1::SubmitResponsesResponse& reply) {
    return grpc::Status(static_cast<StatusCode>(reply.error().code()),
                        reply.error().message(),
                        reply.error().SerializeAsString());
  }

  v1::Survey survey_;
};

TEST_F(FeedbackStreamTest,
       EverySubmissionGetsOneReplyAndBadOnesDoNotEndTheStream) {
  std::vector<v1::SubmitResponsesRequest> submissions;
  for (int i = 0; i < 40; ++i) submissions.push_back(Submission(i % 11));
  submissions[7] = Submission(11);          // out of the NPS range
  submissions[20].clear_response();         // nothing to store
  submissions[33].set_parent("surveys/x");  // not a survey name
  std::map<int64_t, v1::SubmitResponsesResponse> replies;
  ASSERT_TRUE(SubmitAll(submissions, &replies).ok());

  ASSERT_EQ(replies.size(), submissions.size());
  for (const auto& [index, reply] : replies) {
    if (index == 7 || index == 20 || index == 33) {
      ASSERT_TRUE(reply.has_error()) << index;
      EXPECT_EQ(reply.error().code(), grpc::INVALID_ARGUMENT);
    } else {
      ASSERT_TRUE(reply.has_response()) << index;
      EXPECT_EQ(reply.response().answers(0).score(), index % 11);
    }
  }
  EXPECT_EQ(BadRequestFields(ErrorOf(replies[7])),
            std::vector<std::string>{"response.answers[0].score"});
  EXPECT_EQ(BadRequestFields(ErrorOf(replies[20])),
            std::vector<std::string>{"response"});
  EXPECT_EQ(BadRequestFields(ErrorOf(replies[33])),
            std::vector<std::string>{"parent"});
  EXPECT_EQ(CountResponses(survey_.name()), 37);
}

TEST_F(FeedbackStreamTest, ARepeatedRequestIdStoresOnceAndAnswersBoth) {
  std::map<int64_t, v1::SubmitResponsesResponse> replies;
  ASSERT_TRUE(
      SubmitAll({Submission(9, "bff-42"), Submission(9, "bff-42")}, &replies)
          .ok());
  ASSERT_EQ(replies.size(), 2u);
  EXPECT_EQ(replies[0].request_id(), "bff-42");
  EXPECT_EQ(replies[1].response().name(), replies[0].response().name());
  EXPECT_EQ(CountResponses(survey_.name()), 1);
}

TEST_F(FeedbackStreamTest, EachSubmissionChoosesHowMuchItsReplyCarries) {
  std::vector<v1::SubmitResponsesRequest> submissions = {
      Submission(2), Submission(2), Submission(2)};
  submissions[1].set_view(v1::RESPONSE_VIEW_BASIC);
  submissions[2].set_view(static_cast<v1::ResponseView>(-1));
  std::map<int64_t, v1::SubmitResponsesResponse> replies;
  ASSERT_TRUE(SubmitAll(submissions, &replies).ok());
  ASSERT_EQ(replies.size(), 3u);
  EXPECT_EQ(replies[0].response().answers(0).score(), 2);
  ASSERT_TRUE(replies[1].has_response());
  EXPECT_FALSE(replies[1].response().name().empty());
  EXPECT_EQ(replies[1].response().answers_size(), 0);
  EXPECT_EQ(BadRequestFields(ErrorOf(replies[2])),
            std::vector<std::string>{"view"});
  EXPECT_EQ(CountResponses(survey_.name()), 2);
}

TEST_F(FeedbackStreamTest, OnlySubmittersMayOpenTheStream) {
  std::map<int64_t, v1::SubmitResponsesResponse> replies;
  const grpc::Status s = SubmitAll({Submission(3)}, &replies, {"analyst"});
  EXPECT_EQ(s.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(replies.empty());

  grpc::ClientContext anonymous;
  auto stream = stub_->SubmitResponses(&anonymous);
  stream->Write(Submission(3));
  stream->WritesDone();
  EXPECT_EQ(stream->Finish().error_code(), StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(CountResponses(survey_.name()), 0);
}

TEST_F(FeedbackStreamTest, ATokenThatExpiresEndsTheStream) {
  auto ctx = As("acme", {"ingest"});
  auto stream = stub_->SubmitResponses(ctx.get());
  ASSERT_TRUE(stream->Write(Submission(10)));
  v1::SubmitResponsesResponse reply;
  ASSERT_TRUE(stream->Read(&reply));
  EXPECT_TRUE(reply.has_response());
  clock_.Advance(absl::Hours(2));
  stream->Write(Submission(0));
  stream->WritesDone();
  while (stream->Read(&reply)) ADD_FAILURE() << "reply after expiry";
  const grpc::Status s = stream->Finish();
  EXPECT_EQ(s.error_code(), StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ReasonOf(s), "INVALID_TOKEN");
  EXPECT_EQ(CountResponses(survey_.name()), 1);
}

TEST_F(FeedbackStreamTest, ConcurrentStreamsWithCommitsOnAnotherThread) {
  // Replies come from the group commit's thread while the stream reads on:
  // every submission must be read whole and answered once (a read buffer
  // reused too early shows up here as wrong scores, or a crash).
  server_->Shutdown();
  BatchingResponseStore batching(&responses_, {});
  Start(&surveys_, &batching);
  survey_ = CreatePublished();
  constexpr int kStreams = 4, kEach = 1000;
  std::vector<std::thread> clients;
  std::atomic<int> wrong{0}, answered{0};
  for (int c = 0; c < kStreams; ++c) {
    clients.emplace_back([&, c] {
      std::vector<v1::SubmitResponsesRequest> submissions;
      for (int i = 0; i < kEach; ++i) {
        submissions.push_back(Submission(i % 11, absl::StrCat("s", c, "-", i)));
      }
      std::map<int64_t, v1::SubmitResponsesResponse> replies;
      if (!SubmitAll(submissions, &replies).ok()) ++wrong;
      for (const auto& [index, reply] : replies) {
        ++answered;
        if (!reply.has_response() ||
            reply.response().answers(0).score() != index % 11 ||
            reply.request_id() != absl::StrCat("s", c, "-", index)) {
          ++wrong;
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(answered.load(), kStreams * kEach);
  server_->Shutdown();  // before `batching` goes
}

TEST_F(FeedbackStreamTest, AStreamQueuesAtMostAWindowOfUncommittedSubmissions) {
  server_->Shutdown();
  HeldResponseStore held(&responses_);
  Start(&surveys_, &held);
  survey_ = CreatePublished();

  const int total = FeedbackService::kSubmitStreamWindow + 50;
  auto ctx = As("acme", {"ingest"});
  auto stream = stub_->SubmitResponses(ctx.get());
  std::thread writer([&] {
    for (int i = 0; i < total; ++i)
      ASSERT_TRUE(stream->Write(Submission(i % 11)));
    stream->WritesDone();
  });
  held.AwaitHeld(FeedbackService::kSubmitStreamWindow);
  // No reply has gone out, so the server must not read further; give it the
  // chance to (a broken window shows up here as more held inserts).
  absl::SleepFor(absl::Milliseconds(200));
  EXPECT_EQ(held.HeldCount(), size_t{FeedbackService::kSubmitStreamWindow});
  EXPECT_EQ(CountResponses(survey_.name()), 0);  // nothing acknowledged yet

  // Commits open the window again; every submission ends up answered.
  std::map<int64_t, v1::SubmitResponsesResponse> replies;
  v1::SubmitResponsesResponse reply;
  std::atomic<bool> all_read{false};
  std::thread releaser([&] {
    while (!all_read) {
      held.ReleaseAll();
      absl::SleepFor(absl::Milliseconds(5));
    }
  });
  while (stream->Read(&reply)) {
    EXPECT_TRUE(reply.has_response()) << reply.index();
    replies.emplace(reply.index(), reply);
  }
  all_read = true;
  releaser.join();
  writer.join();
  EXPECT_TRUE(stream->Finish().ok());
  EXPECT_EQ(replies.size(), size_t(total));
  EXPECT_EQ(CountResponses(survey_.name()), total);
  server_->Shutdown();  // before `held` goes
}

}  // namespace
}  // namespace cx::feedback
