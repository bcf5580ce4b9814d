// The real MetricsService over MariaDB (a fresh schema per test) on an
// in-process channel, with helpers to record observations and query.
#ifndef CX_TESTS_SERVICES_METRICS_METRICS_SERVICE_FIXTURE_H_
#define CX_TESTS_SERVICES_METRICS_METRICS_SERVICE_FIXTURE_H_

#include <memory>
#include <optional>

#include "common/grpc/metadata.h"
#include "common/mysql/migrations.h"
#include "absl/strings/str_format.h"
#include "common/proto_time.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "services/metrics/metrics_service.h"
#include "services/metrics/store/rollup_rebuild.h"
#include "tests/testing/test_database.h"
#include "tests/testing/test_tokens.h"

namespace cx {
const std::vector<Migration>& MetricsMigrations();
}

namespace cx::metrics {

inline google::type::Date D(int y, int m, int d) {
  google::type::Date date;
  date.set_year(y), date.set_month(m), date.set_day(d);
  return date;
}

inline absl::Time At(int y, int m, int d, int hour = 12, int minute = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hour, minute, 0),
                         absl::UTCTimeZone());
}

// Builder of one observation event.
struct Obs {
  v1::MetricEvent event;

  Obs(const std::string& event_id, const std::string& response, absl::Time t) {
    event.set_event_id(event_id);
    v1::Observation* o = event.mutable_observation();
    o->set_source("surveys/0000000000000000000000000000000a/responses/" + response);
    *o->mutable_time() = ToProto(t);
  }
  Obs& Channel(cx::type::v1::Channel c) {
    event.mutable_observation()->set_channel(c);
    return *this;
  }
  Obs& Touchpoint(const std::string& v) {
    event.mutable_observation()->set_touchpoint(v);
    return *this;
  }
  Obs& Team(const std::string& v) {
    event.mutable_observation()->set_team(v);
    return *this;
  }
  Obs& Agent(const std::string& v) {
    event.mutable_observation()->set_agent(v);
    return *this;
  }
  Obs& Employee() {
    event.mutable_observation()->set_employee(true);
    return *this;
  }
  Obs& Score(const std::string& question, v1::ScoreKind kind, int score,
             int scale_min = 0, int scale_max = 0) {
    v1::ObservedScore* s = event.mutable_observation()->add_scores();
    s->set_question("surveys/0000000000000000000000000000000a/questions/" + question);
    s->set_kind(kind);
    s->set_score(score);
    s->set_scale_min(scale_min);
    s->set_scale_max(scale_max);
    return *this;
  }
  Obs& Nps(int score) { return Score("nps", v1::SCORE_KIND_NPS, score); }
};

inline std::string Response(int n) {
  return absl::StrFormat("%032x", n);
}

class MetricsServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!cx::testing::TestServerConfig()) GTEST_SKIP() << "run ./cx test";
    db_ = std::make_unique<cx::testing::TestDatabase>("metrics");
    ASSERT_TRUE(ApplyMigrations(db_->pool(), MetricsMigrations()).ok());
    writer_ = std::make_unique<ObservationWriter>(&db_->pool());
    // Pair rollups are kept at once when asked for (production: a
    // background thread), so tests see both paths deterministically.
    rollups_ = std::make_unique<RollupReader>(
        &db_->pool(), 1'000'000,
        [this](const std::string& tenant, const std::string& series,
               DimensionMask mask) {
          ++pair_requests_;
          EXPECT_TRUE(
              MaterializePairRollup(db_->pool(), tenant, series, mask, clock_.Now()).ok());
        });
    drivers_ = std::make_unique<DriverReader>(&db_->pool());
    settings_ = std::make_unique<SettingsStore>(&db_->pool());
    revenue_ = std::make_unique<RevenueStore>(&db_->pool());
    targets_ = std::make_unique<TargetStore>(&db_->pool());
    service_ = std::make_unique<MetricsService>(
        MetricsStores{writer_.get(), rollups_.get(), drivers_.get(),
                      settings_.get(), revenue_.get(), targets_.get()},
        &authorizer_, &clock_);
    grpc::ServerBuilder builder;
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    stub_ = v1::MetricsService::NewStub(
        server_->InProcessChannel(grpc::ChannelArguments()));
  }
  void TearDown() override {
    if (server_) server_->Shutdown();
  }

  std::unique_ptr<grpc::ClientContext> As(
      const std::string& tenant, std::vector<std::string> roles = {"admin"}) {
    return MakeClientContext(cx::testing::TestToken(tenant, roles, clock_.Now()),
                             absl::Seconds(10));
  }

  v1::RecordObservationsResponse Record(std::vector<v1::MetricEvent> events,
                                        const std::string& tenant = "acme") {
    v1::RecordObservationsRequest req;
    for (v1::MetricEvent& e : events) *req.add_events() = std::move(e);
    v1::RecordObservationsResponse out;
    const grpc::Status s = stub_->RecordObservations(As(tenant).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  static v1::MetricEvent Retract(const std::string& event_id,
                                 std::vector<std::string> responses) {
    v1::MetricEvent e;
    e.set_event_id(event_id);
    for (const std::string& r : responses) {
      e.mutable_retraction()->add_sources(
          "surveys/0000000000000000000000000000000a/responses/" + r);
    }
    return e;
  }

  v1::QueryMetricResponse Query(v1::QueryMetricRequest req,
                                const std::string& tenant = "acme") {
    v1::QueryMetricResponse out;
    const grpc::Status s = stub_->QueryMetric(As(tenant).get(), req, &out);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return out;
  }

  static v1::QueryMetricRequest Nps(google::type::Date start,
                                    google::type::Date end,
                                    v1::Granularity g = v1::GRANULARITY_TOTAL) {
    v1::QueryMetricRequest req;
    req.mutable_metric()->set_type(v1::METRIC_TYPE_NPS);
    *req.mutable_start_date() = start;
    *req.mutable_end_date() = end;
    req.set_granularity(g);
    return req;
  }

  FakeClock clock_{At(2026, 6, 1)};
  Authorizer authorizer_{cx::testing::TestKey(), &clock_};
  std::unique_ptr<cx::testing::TestDatabase> db_;
  std::unique_ptr<ObservationWriter> writer_;
  std::unique_ptr<RollupReader> rollups_;
  int pair_requests_ = 0;
  std::unique_ptr<DriverReader> drivers_;
  std::unique_ptr<SettingsStore> settings_;
  std::unique_ptr<RevenueStore> revenue_;
  std::unique_ptr<TargetStore> targets_;
  std::unique_ptr<MetricsService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::MetricsService::Stub> stub_;
};

}  // namespace cx::metrics

#endif  // CX_TESTS_SERVICES_METRICS_METRICS_SERVICE_FIXTURE_H_
