// The gRPC layer of cx-feedback: parse, authorise, call domain and store,
// convert. No SQL here.
#ifndef CX_SERVICES_FEEDBACK_FEEDBACK_SERVICE_H_
#define CX_SERVICES_FEEDBACK_FEEDBACK_SERVICE_H_

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "common/auth/authorizer.h"
#include "common/grpc/handler.h"
#include "common/clock.h"
#include "common/ttl_cache.h"
#include "common/worker_pool.h"
#include "cx/feedback/v1/feedback_service.grpc.pb.h"
#include "services/feedback/domain/text/text_analyzer.h"
#include "services/feedback/outbox/outbox_relay.h"
#include "services/feedback/store/case_store.h"
#include "services/feedback/store/erasure_store.h"
#include "services/feedback/store/settings_store.h"
#include "services/feedback/store/response_store.h"
#include "services/feedback/store/survey_store.h"

namespace cx::feedback {

// The stores the service works on; all must outlive it.
struct FeedbackStores {
  SurveyStore* surveys;
  ResponseStore* responses;
  CaseStore* cases;
  ErasureStore* erasure;
  SettingsStore* settings;
};

// SubmitResponse and SubmitResponses run on gRPC's callback API: a
// submission waiting for its group commit holds no thread. The other methods
// are synchronous.
class FeedbackService final
    : public v1::FeedbackService::WithCallbackMethod_SubmitResponses<
          v1::FeedbackService::WithCallbackMethod_SubmitResponse<
              v1::FeedbackService::Service>> {
 public:
  // Submissions read but not yet answered, per SubmitResponses stream:
  // bounds what one client can queue in the server; beyond it HTTP/2 flow
  // control holds the client back.
  static constexpr int kSubmitStreamWindow = 256;

  // Dependencies must outlive the service.
  FeedbackService(FeedbackStores stores, const text::TextAnalyzer* analyzer,
                  const Authorizer* authorizer, const Clock* clock)
      : surveys_(stores.surveys),
        responses_(stores.responses),
        cases_(stores.cases),
        erasure_(stores.erasure),
        settings_(stores.settings),
        analyzer_(analyzer),
        authorizer_(authorizer),
        clock_(clock) {}

  // Escalates every overdue case (raises priority, new deadline, event).
  // Run periodically by the binary; returns how many were escalated.
  absl::StatusOr<int> EscalateOverdueCases();

  // Ends open WatchCases streams (before a graceful shutdown).
  void StopWatches() {
    stopping_ = true;
    case_events_.NotifyAll();
  }

  // How often WatchCases looks for events written by other replicas; events
  // of this process wake watchers at once.
  void set_watch_poll_interval(absl::Duration d) { watch_poll_ = d; }

  grpc::Status CreateSurvey(grpc::ServerContext* context,
                            const v1::CreateSurveyRequest* request,
                            v1::Survey* response) override;
  grpc::Status GetSurvey(grpc::ServerContext* context,
                         const v1::GetSurveyRequest* request,
                         v1::Survey* response) override;
  grpc::Status ListSurveys(grpc::ServerContext* context,
                           const v1::ListSurveysRequest* request,
                           v1::ListSurveysResponse* response) override;
  grpc::Status UpdateSurvey(grpc::ServerContext* context,
                            const v1::UpdateSurveyRequest* request,
                            v1::Survey* response) override;
  grpc::Status DeleteSurvey(grpc::ServerContext* context,
                            const v1::DeleteSurveyRequest* request,
                            v1::Survey* response) override;
  grpc::Status PublishSurvey(grpc::ServerContext* context,
                             const v1::PublishSurveyRequest* request,
                             v1::Survey* response) override;
  grpc::ServerUnaryReactor* SubmitResponse(
      grpc::CallbackServerContext* context,
      const v1::SubmitResponseRequest* request,
      v1::Response* response) override;
  grpc::ServerBidiReactor<v1::SubmitResponsesRequest,
                          v1::SubmitResponsesResponse>*
  SubmitResponses(grpc::CallbackServerContext* context) override;
  grpc::Status ImportResponses(
      grpc::ServerContext* context,
      grpc::ServerReader<v1::ImportResponsesRequest>* reader,
      v1::ImportResponsesResponse* response) override;
  grpc::Status GetResponse(grpc::ServerContext* context,
                           const v1::GetResponseRequest* request,
                           v1::Response* response) override;
  grpc::Status ListResponses(grpc::ServerContext* context,
                             const v1::ListResponsesRequest* request,
                             v1::ListResponsesResponse* response) override;
  grpc::Status DeleteCustomerData(
      grpc::ServerContext* context,
      const v1::DeleteCustomerDataRequest* request,
      v1::DeleteCustomerDataResponse* response) override;
  grpc::Status AnalyzeText(grpc::ServerContext* context,
                           const v1::AnalyzeTextRequest* request,
                           v1::TextAnalysis* response) override;
  grpc::Status GetTopicTaxonomy(grpc::ServerContext* context,
                                const v1::GetTopicTaxonomyRequest* request,
                                v1::TopicTaxonomy* response) override;
  grpc::Status UpdateTopicTaxonomy(
      grpc::ServerContext* context,
      const v1::UpdateTopicTaxonomyRequest* request,
      v1::TopicTaxonomy* response) override;
  grpc::Status GetTopicSummary(grpc::ServerContext* context,
                               const v1::GetTopicSummaryRequest* request,
                               v1::TopicSummary* response) override;
  grpc::Status ReanalyzeResponses(
      grpc::ServerContext* context, const v1::ReanalyzeResponsesRequest* request,
      v1::ReanalyzeResponsesResponse* response) override;
  grpc::Status GetCase(grpc::ServerContext* context,
                       const v1::GetCaseRequest* request,
                       v1::Case* response) override;
  grpc::Status GetCaseStatistics(grpc::ServerContext* context,
                                 const v1::GetCaseStatisticsRequest* request,
                                 v1::CaseStatistics* response) override;
  grpc::Status ListCases(grpc::ServerContext* context,
                         const v1::ListCasesRequest* request,
                         v1::ListCasesResponse* response) override;
  grpc::Status UpdateCase(grpc::ServerContext* context,
                          const v1::UpdateCaseRequest* request,
                          v1::Case* response) override;
  grpc::Status ListCaseEvents(grpc::ServerContext* context,
                              const v1::ListCaseEventsRequest* request,
                              v1::ListCaseEventsResponse* response) override;
  grpc::Status WatchCases(grpc::ServerContext* context,
                          const v1::WatchCasesRequest* request,
                          grpc::ServerWriter<v1::CaseEvent>* writer) override;
  grpc::Status GetClosedLoopPolicy(grpc::ServerContext* context,
                                   const v1::GetClosedLoopPolicyRequest* request,
                                   v1::ClosedLoopPolicy* response) override;
  grpc::Status UpdateClosedLoopPolicy(
      grpc::ServerContext* context,
      const v1::UpdateClosedLoopPolicyRequest* request,
      v1::ClosedLoopPolicy* response) override;
  grpc::Status GetOutboxStatus(grpc::ServerContext* context,
                               const v1::GetOutboxStatusRequest* request,
                               v1::OutboxStatus* response) override;

  // The relay delivering the outbox to cx-metrics, woken after each write
  // (none: events wait in the outbox). Must outlive the service.
  void SetOutboxRelay(OutboxRelay* relay) { relay_ = relay; }

 private:
  // Stores an import batch, except records of customers erased before
  // (FAILED_PRECONDITION CUSTOMER_ERASED for those); results in order.
  std::vector<InsertOutcome> InsertUnlessErased(
      const std::string& tenant, const std::vector<NewResponse>& responses);
  // Prepares and stores a batch of import records: one outcome per record,
  // in order (a record refused before storing fails alone).
  std::vector<InsertOutcome> ImportBatch(
      const Principal& caller, const std::vector<v1::ImportRecord>& records,
      bool open_cases);

  void NotifyRelay() {
    if (relay_ != nullptr) relay_->Notify();
  }

  absl::StatusOr<v1::Survey> DoCreateSurvey(const Principal& caller,
                                            const v1::CreateSurveyRequest& r);
  absl::StatusOr<v1::Survey> DoGetSurvey(const Principal& caller,
                                         const v1::GetSurveyRequest& r);
  absl::StatusOr<v1::ListSurveysResponse> DoListSurveys(
      const Principal& caller, const v1::ListSurveysRequest& r);
  class SubmitStream;  // one SubmitResponses stream
  using SubmitDone = std::function<void(absl::StatusOr<v1::Response>)>;
  // Validates and prepares a submission (`response` null when absent),
  // stores it asynchronously and calls `done` after the commit, or at once
  // when it is refused. Reads its arguments only before it returns.
  void Submit(const Principal& caller, const std::string& parent,
              const v1::Response* response, const std::string& request_id,
              v1::ResponseView view, SubmitDone done);
  // Everything SubmitResponse does before storing: the survey version,
  // validation, server fields, text analysis and (if `open_cases`) the case.
  absl::StatusOr<NewResponse> PrepareResponse(const Principal& caller,
                                              const std::string& parent,
                                              const v1::Response& response,
                                              const std::string& request_id,
                                              bool open_cases);
  absl::StatusOr<v1::ImportResponsesResponse> DoImportResponses(
      const Principal& caller,
      grpc::ServerReader<v1::ImportResponsesRequest>* reader);
  absl::StatusOr<v1::Response> DoGetResponse(const Principal& caller,
                                             const v1::GetResponseRequest& r);
  // The store query of a paged request over responses (ListResponses,
  // ReanalyzeResponses); the page token is bound to `fingerprint`.
  absl::StatusOr<ResponseListQuery> ResponsePageQuery(
      const Principal& caller, const std::string& parent, int32_t page_size,
      const std::string& filter, const std::string& page_token,
      uint64_t fingerprint);
  absl::StatusOr<v1::ListResponsesResponse> DoListResponses(
      const Principal& caller, const v1::ListResponsesRequest& r);
  absl::StatusOr<v1::TextAnalysis> DoAnalyzeText(
      const Principal& caller, const v1::AnalyzeTextRequest& r);
  // The tenant's topic taxonomy (or the default), cached briefly.
  absl::StatusOr<std::shared_ptr<const text::TopicTaxonomy>> TaxonomyFor(
      const std::string& tenant);
  absl::StatusOr<v1::TopicSummary> DoGetTopicSummary(
      const Principal& caller, const v1::GetTopicSummaryRequest& r);
  absl::StatusOr<v1::ReanalyzeResponsesResponse> DoReanalyzeResponses(
      const Principal& caller, const v1::ReanalyzeResponsesRequest& r);
  absl::StatusOr<v1::CaseStatistics> DoGetCaseStatistics(
      const Principal& caller, const v1::GetCaseStatisticsRequest& r);
  absl::StatusOr<v1::ListCasesResponse> DoListCases(
      const Principal& caller, const v1::ListCasesRequest& r);
  absl::StatusOr<v1::Case> DoUpdateCase(const Principal& caller,
                                        const v1::UpdateCaseRequest& r);
  absl::Status DoWatchCases(const Principal& caller,
                            const grpc::ServerContext& context,
                            const v1::WatchCasesRequest& r,
                            grpc::ServerWriter<v1::CaseEvent>* writer);
  // The tenant's policy (or the default), cached briefly: it is read on
  // every SubmitResponse.
  absl::StatusOr<std::shared_ptr<const v1::ClosedLoopPolicy>> PolicyFor(
      const std::string& tenant);
  // Output-only fields computed at read time.
  v1::Case Presented(v1::Case c) const;

  // Parses `name` (reported as `field`), then runs `change` on the stored
  // survey under the store's lock with `etag` checked.
  absl::StatusOr<v1::Survey> MutateSurvey(
      const Principal& caller, absl::string_view field, absl::string_view name,
      const std::string& etag,
      absl::FunctionRef<absl::StatusOr<SurveyWrite>(absl::Time, v1::Survey&)>
          change);

  SurveyStore* surveys_;
  ResponseStore* responses_;
  CaseStore* cases_;
  ErasureStore* erasure_;
  SettingsStore* settings_;
  const text::TextAnalyzer* analyzer_;
  const Authorizer* authorizer_;
  const Clock* clock_;
  OutboxRelay* relay_ = nullptr;
  std::atomic<bool> stopping_{false};
  absl::Duration watch_poll_ = absl::Seconds(1);
  // Signalled after this process commits case events.
  class Signal {
   public:
    void NotifyAll() {
      {
        std::lock_guard<std::mutex> lock(mu_);
        ++generation_;
      }
      cv_.notify_all();
    }
    uint64_t generation() {
      std::lock_guard<std::mutex> lock(mu_);
      return generation_;
    }
    // Waits until a notification after `seen`, or `timeout`.
    void WaitAfter(uint64_t seen, absl::Duration timeout) {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait_for(lock, absl::ToChronoMilliseconds(timeout),
                   [&] { return generation_ != seen; });
    }

   private:
    std::mutex mu_;
    std::condition_variable cv_;
    uint64_t generation_ = 0;
  };
  Signal case_events_;
  TtlCache<std::shared_ptr<const v1::ClosedLoopPolicy>> policies_{
      absl::Seconds(1)};
  TtlCache<std::shared_ptr<const text::TopicTaxonomy>> taxonomies_{
      absl::Seconds(1)};
  // Threads preparing and writing import batches, shared by all imports:
  // two keep both of a small server's cores busy, and concurrent imports
  // cannot take more of the machine from live ingest than one does. At a
  // lower priority (nice +10), as live calls go first for the database too:
  // 64 clients during an import got 4,180 against 3,410 acks/s, p99 37
  // against 45 ms (medians of 7 alternating runs), and imports alone or
  // with live calls ran as fast as before.
  static constexpr int kImportWorkers = 2;
  static constexpr int kImportNiceIncrement = 10;
  WorkerPool import_workers_{kImportWorkers, "cx-import",
                             kImportNiceIncrement};
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_FEEDBACK_SERVICE_H_
