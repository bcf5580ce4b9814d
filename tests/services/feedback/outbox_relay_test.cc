// The outbox relay from cx-feedback's MariaDB schema to a real MetricsService
// (its own schema) on an in-process channel that can be taken down.
#include "services/feedback/outbox/outbox_relay.h"

#include <atomic>

#include "common/ids.h"
#include "common/mysql/migrations.h"
#include "common/proto_time.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "services/feedback/domain/response_events.h"
#include "services/feedback/store/metrics_backfill.h"
#include "services/feedback/store/mysql_erasure_store.h"
#include "services/feedback/store/mysql_response_store.h"
#include "services/feedback/store/resource_names.h"
#include "services/metrics/metrics_service.h"
#include "tests/services/feedback/test_surveys.h"
#include "tests/testing/test_database.h"
#include "tests/testing/test_tokens.h"

namespace cx {
const std::vector<Migration>& FeedbackMigrations();
const std::vector<Migration>& MetricsMigrations();
}  // namespace cx

namespace cx::feedback {
namespace {

// Forwards RecordObservations to the real service unless taken down.
class SwitchableMetrics final : public metrics::v1::MetricsService::Service {
 public:
  explicit SwitchableMetrics(metrics::MetricsService* real) : real_(real) {}
  grpc::Status RecordObservations(
      grpc::ServerContext* context,
      const metrics::v1::RecordObservationsRequest* request,
      metrics::v1::RecordObservationsResponse* response) override {
    ++calls;
    if (down) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "down for the test");
    return real_->RecordObservations(context, request, response);
  }
  std::atomic<bool> down{false};
  std::atomic<int> calls{0};

 private:
  metrics::MetricsService* real_;
};

class OutboxRelayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!cx::testing::TestServerConfig()) GTEST_SKIP() << "run ./cx test";
    feedback_db_ = std::make_unique<cx::testing::TestDatabase>("relay_fb");
    metrics_db_ = std::make_unique<cx::testing::TestDatabase>("relay_mx");
    ASSERT_TRUE(ApplyMigrations(feedback_db_->pool(), FeedbackMigrations()).ok());
    ASSERT_TRUE(ApplyMigrations(metrics_db_->pool(), MetricsMigrations()).ok());
    ConnectionPool* m = &metrics_db_->pool();
    writer_ = std::make_unique<metrics::ObservationWriter>(m);
    rollups_ = std::make_unique<metrics::RollupReader>(m, 100000, nullptr);
    drivers_ = std::make_unique<metrics::DriverReader>(m);
    settings_ = std::make_unique<metrics::SettingsStore>(m);
    revenue_ = std::make_unique<metrics::RevenueStore>(m);
    targets_ = std::make_unique<metrics::TargetStore>(m);
    real_ = std::make_unique<metrics::MetricsService>(
        metrics::MetricsStores{writer_.get(), rollups_.get(), drivers_.get(),
                               settings_.get(), revenue_.get(), targets_.get()},
        &authorizer_, &clock_);
    switchable_ = std::make_unique<SwitchableMetrics>(real_.get());
    grpc::ServerBuilder builder;
    builder.RegisterService(switchable_.get());
    server_ = builder.BuildAndStart();
    relay_ = std::make_unique<OutboxRelay>(
        &feedback_db_->pool(),
        metrics::v1::MetricsService::NewStub(
            server_->InProcessChannel(grpc::ChannelArguments())),
        [this](const std::string& tenant) -> absl::StatusOr<std::string> {
          return cx::testing::TestToken(tenant, {"ingest"}, clock_.Now());
        },
        &clock_, OutboxRelay::Options{.batch_size = 7});
  }
  void TearDown() override {
    relay_.reset();
    if (server_) server_->Shutdown();
  }

  // Stores a response with its outbox event, as SubmitResponse does (or,
  // with_event false, as cx-feedback did before it had an outbox).
  std::string Store(const std::string& tenant, const std::string& customer,
                    int nps, bool with_event = true) {
    const NewResponse r = Make(customer, nps, with_event);
    MysqlResponseStore store(&feedback_db_->pool());
    EXPECT_TRUE(store.Insert(tenant, r).ok());
    return r.response.name();
  }

  NewResponse Make(const std::string& customer, int nps,
                   bool with_event = true) {
    clock_.Advance(absl::Milliseconds(1));
    NewResponse r;
    r.survey_id = survey_id_;
    r.id = NewId(clock_);
    r.response = testing::NpsResponse(nps);
    r.response.set_customer_id(customer);
    r.response.set_name(ResponseName(r.survey_id, r.id));
    *r.response.mutable_submit_time() = ToProto(clock_.Now());
    *r.response.mutable_create_time() = ToProto(clock_.Now());
    v1::Survey survey = testing::AllTypesSurvey();
    r.response.set_survey_version(1);
    if (with_event) {
      r.event_id = NewId(clock_);
      r.recorded_event =
          RecordedEvent(survey, r.response, r.event_id).SerializeAsString();
    }
    return r;
  }

  int64_t OutboxRows() {
    return feedback_db_->QueryInt("SELECT COUNT(*) FROM outbox");
  }

  int64_t NpsCount(const std::string& tenant) {
    metrics::MetricQuery q;
    q.type = metrics::v1::METRIC_TYPE_NPS;
    q.series = "nps";
    q.scale = {0, 10};
    q.first = 0;
    q.last = metrics::ToDayNumber(absl::CivilDay(2099, 1, 1)) - 1;
    return rollups_->Query(tenant, q, "UTC")->series(0).total().n();
  }

  int Drain() {
    int total = 0;
    for (;;) {
      absl::StatusOr<int> n = relay_->DeliverOnce();
      EXPECT_TRUE(n.ok()) << n.status();
      if (!n.ok() || *n == 0) return total;
      total += *n;
    }
  }

  FakeClock clock_{absl::FromUnixSeconds(1790000000)};
  Authorizer authorizer_{cx::testing::TestKey(), &clock_};
  const std::string survey_id_ = NewId(clock_);
  std::unique_ptr<cx::testing::TestDatabase> feedback_db_, metrics_db_;
  std::unique_ptr<metrics::ObservationWriter> writer_;
  std::unique_ptr<metrics::RollupReader> rollups_;
  std::unique_ptr<metrics::DriverReader> drivers_;
  std::unique_ptr<metrics::SettingsStore> settings_;
  std::unique_ptr<metrics::RevenueStore> revenue_;
  std::unique_ptr<metrics::TargetStore> targets_;
  std::unique_ptr<metrics::MetricsService> real_;
  std::unique_ptr<SwitchableMetrics> switchable_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<OutboxRelay> relay_;
};

TEST_F(OutboxRelayTest, DeliversEveryResponseOnceAcrossTenantsAndOutages) {
  for (int i = 0; i < 20; ++i) Store(i % 2 ? "acme" : "globex", "c", i % 11);
  switchable_->down = true;
  absl::StatusOr<int> failed = relay_->DeliverOnce();
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kUnavailable);
  absl::StatusOr<v1::OutboxStatus> status = relay_->Status();
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->pending_events(), 20);  // nothing lost while down
  EXPECT_NE(status->last_error(), "");
  EXPECT_EQ(NpsCount("acme"), 0);

  switchable_->down = false;
  EXPECT_EQ(Drain(), 20);
  EXPECT_EQ(NpsCount("acme"), 10);
  EXPECT_EQ(NpsCount("globex"), 10);
  status = relay_->Status();
  EXPECT_EQ(status->pending_events(), 0);
  EXPECT_EQ(status->delivered_events(), 20);
  EXPECT_EQ(status->last_error(), "");
}

TEST_F(OutboxRelayTest, ErasureReachesMetricsFacts) {
  const std::string gone = Store("acme", "customer-to-forget", 0);
  Store("acme", "customer-to-forget", 10);
  Store("acme", "someone-else", 10);
  EXPECT_EQ(Drain(), 3);
  EXPECT_EQ(NpsCount("acme"), 3);
  MysqlErasureStore erasure(&feedback_db_->pool());
  ASSERT_TRUE(erasure.EraseCustomer("acme", "customer-to-forget", NewId(clock_),
                                    clock_.Now()).ok());
  EXPECT_EQ(Drain(), 1);
  EXPECT_EQ(NpsCount("acme"), 1);
  EXPECT_EQ(metrics_db_->QueryInt(
                "SELECT COUNT(*) FROM metric_facts WHERE source = ?", {gone}),
            0);
}

TEST_F(OutboxRelayTest, PoisonEventIsParkedAndTheRestFlows) {
  Store("acme", "c", 9);
  // An event metrics must reject (a score outside NPS's 0-10).
  v1::ResponseRecorded bad;
  bad.set_response(ResponseName(survey_id_, NewId(clock_)));
  *bad.mutable_submit_time() = ToProto(clock_.Now());
  v1::ScoredAnswer* s = bad.add_scores();
  s->set_question_id("nps");
  s->set_type(v1::QUESTION_TYPE_NPS);
  s->set_score(42);
  ASSERT_TRUE(feedback_db_->pool()
                  .Run([&](Session& session) {
                    session.ExecuteArgs(
                        "INSERT INTO outbox (tenant_id, id, event_type, "
                        "payload, create_time) "
                        "VALUES ('acme', ?, ?, ?, NOW(6))",
                        NewId(clock_), std::string(kResponseRecordedType),
                        bad.SerializeAsString());
                    return absl::OkStatus();
                  })
                  .ok());
  Store("acme", "c", 10);
  EXPECT_EQ(Drain(), 3);
  EXPECT_EQ(NpsCount("acme"), 2);
  EXPECT_EQ(relay_->Status()->dead_letters(), 1);
}

TEST_F(OutboxRelayTest, RedeliveryAfterALostAcknowledgementCountsOnce) {
  for (int i = 0; i < 5; ++i) Store("acme", "c", 10);
  // Delivered, but the relay "crashed" before deleting: copy the rows back.
  ASSERT_TRUE(feedback_db_->pool().Run([&](Session& s) {
    s.Execute("CREATE TABLE outbox_copy AS SELECT * FROM outbox", {});
    return absl::OkStatus();
  }).ok());
  EXPECT_EQ(Drain(), 5);
  ASSERT_TRUE(feedback_db_->pool().Run([&](Session& s) {
    s.Execute("INSERT INTO outbox SELECT * FROM outbox_copy", {});
    return absl::OkStatus();
  }).ok());
  EXPECT_EQ(Drain(), 5);
  EXPECT_EQ(NpsCount("acme"), 5);
}

TEST_F(OutboxRelayTest,
       AGroupCommitIsOneRowPerTenantAndEveryResponseCountsOnce) {
  // 1,200 responses of acme and 3 of globex committed together: rows of at
  // most 500 events, delivered in calls of at most 1,000.
  std::vector<NewResponse> responses;
  for (int i = 0; i < 1203; ++i) responses.push_back(Make("c", i % 11));
  std::vector<TenantResponse> batch;
  for (size_t i = 0; i < responses.size(); ++i) {
    batch.push_back({i < 1200 ? "acme" : "globex", &responses[i]});
  }
  MysqlResponseStore store(&feedback_db_->pool());
  for (const InsertOutcome& o : store.InsertBatch(batch))
    ASSERT_TRUE(o.status.ok());
  EXPECT_EQ(OutboxRows(), 4);  // 500 + 500 + 200 for acme, 3 for globex
  ASSERT_TRUE(feedback_db_->pool()
                  .Run([&](Session& s) {
                    s.Execute(
                        "CREATE TABLE outbox_copy AS SELECT * FROM outbox", {});
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(Drain(), 1203);
  EXPECT_EQ(NpsCount("acme"), 1200);
  EXPECT_EQ(NpsCount("globex"), 3);
  // Delivered again (a relay that died before deleting): counted once.
  ASSERT_TRUE(feedback_db_->pool()
                  .Run([&](Session& s) {
                    s.Execute("INSERT INTO outbox SELECT * FROM outbox_copy",
                              {});
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(Drain(), 1203);
  EXPECT_EQ(NpsCount("acme"), 1200);
  EXPECT_EQ(relay_->Status()->dead_letters(), 0);
}

TEST_F(OutboxRelayTest, APoisonEventInARowParksTheRowAndDeliversTheRest) {
  std::vector<NewResponse> responses;
  for (int i = 0; i < 3; ++i) responses.push_back(Make("c", 10));
  // The middle one's event carries a score metrics must reject.
  v1::ResponseRecorded bad;
  ASSERT_TRUE(bad.ParseFromString(responses[1].recorded_event));
  bad.mutable_scores(0)->set_score(42);
  responses[1].recorded_event = bad.SerializeAsString();
  std::vector<TenantResponse> batch;
  for (const NewResponse& r : responses) batch.push_back({"acme", &r});
  MysqlResponseStore store(&feedback_db_->pool());
  for (const InsertOutcome& o : store.InsertBatch(batch))
    ASSERT_TRUE(o.status.ok());
  Store("acme", "c", 9);  // a later row flows too
  EXPECT_EQ(Drain(), 4);
  EXPECT_EQ(NpsCount("acme"), 3);
  EXPECT_EQ(relay_->Status()->dead_letters(), 1);
  EXPECT_EQ(OutboxRows(), 0);
}

TEST_F(OutboxRelayTest, BackfillCountsResponsesStoredBeforeTheOutbox) {
  for (const std::string tenant : {"acme", "globex"}) {
    ASSERT_TRUE(feedback_db_->pool().Run([&](Session& s) {
      s.ExecuteArgs("INSERT INTO survey_versions (tenant_id, survey_id, version, "
                    "body, create_time) VALUES (?, ?, 1, ?, NOW(6))",
                    tenant, survey_id_, testing::AllTypesSurvey().SerializeAsString());
      return absl::OkStatus();
    }).ok());
  }
  for (int i = 0; i < 12; ++i) Store(i < 9 ? "acme" : "globex", "c", 10, false);
  EXPECT_EQ(Drain(), 0);
  EXPECT_EQ(NpsCount("acme"), 0);
  int64_t reported = 0;
  auto written = BackfillRecordedEvents(feedback_db_->pool(), "acme", clock_,
                                        [&](int64_t n) { reported = n; });
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(*written, 9);
  EXPECT_EQ(reported, 9);
  EXPECT_EQ(Drain(), 9);
  EXPECT_EQ(NpsCount("acme"), 9);
  EXPECT_EQ(NpsCount("globex"), 0);
  // Again, for every tenant: acme's responses are replaced, not doubled.
  EXPECT_EQ(*BackfillRecordedEvents(feedback_db_->pool(), "", clock_, nullptr), 12);
  EXPECT_EQ(Drain(), 12);
  EXPECT_EQ(NpsCount("acme"), 9);
  EXPECT_EQ(NpsCount("globex"), 3);
}

}  // namespace
}  // namespace cx::feedback
