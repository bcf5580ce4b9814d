// Revenue retention, targets with scorecards, and key drivers through the
// service on MariaDB; numbers worked out by hand.
#include "gmock/gmock.h"
#include "tests/services/metrics/metrics_service_fixture.h"
#include "tests/testing/status_fields.h"

namespace cx::metrics {
namespace {

using ::testing::ElementsAre;

class MetricsBusinessTest : public MetricsServiceTest {
 protected:
  grpc::Status Revenue(const std::string& account, google::type::Date month,
                       int64_t mrr, const std::string& currency = "EUR") {
    v1::RecordAccountRevenueRequest req;
    req.mutable_revenue()->set_account(account);
    *req.mutable_revenue()->mutable_month() = month;
    req.mutable_revenue()->set_mrr_minor(mrr);
    req.mutable_revenue()->set_currency_code(currency);
    v1::AccountRevenue out;
    return stub_->RecordAccountRevenue(As("acme", {"ingest"}).get(), req, &out);
  }
};

TEST_F(MetricsBusinessTest, RetentionOverTheStartingCohort) {
  // As retention_test.cc; months given by their last day work too.
  ASSERT_TRUE(Revenue("A", D(2026, 1, 31), 1000).ok());
  ASSERT_TRUE(Revenue("A", D(2026, 3, 1), 1500).ok());
  ASSERT_TRUE(Revenue("B", D(2026, 1, 1), 2000).ok());
  ASSERT_TRUE(Revenue("B", D(2026, 2, 28), 0).ok());
  ASSERT_TRUE(Revenue("B", D(2026, 4, 1), 2000).ok());
  ASSERT_TRUE(Revenue("C", D(2026, 1, 1), 1000).ok());
  ASSERT_TRUE(Revenue("C", D(2026, 3, 1), 600).ok());
  ASSERT_TRUE(Revenue("D", D(2026, 3, 1), 500).ok());

  // Another currency is refused and stores nothing.
  const grpc::Status sek = Revenue("E", D(2026, 3, 1), 99999, "SEK");
  EXPECT_EQ(sek.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(cx::testing::BadRequestFields(sek), ElementsAre("revenue.currency_code"));

  v1::GetRevenueRetentionRequest req;
  *req.mutable_start_month() = D(2026, 2, 1);
  *req.mutable_end_month() = D(2026, 3, 1);
  v1::GetRevenueRetentionResponse out;
  ASSERT_TRUE(stub_->GetRevenueRetention(As("acme").get(), req, &out).ok());
  EXPECT_EQ(out.currency_code(), "EUR");
  EXPECT_EQ(out.period().starting_mrr_minor(), 4000);
  EXPECT_DOUBLE_EQ(out.period().gross_revenue_retention_percent(), 40.0);
  EXPECT_DOUBLE_EQ(out.period().net_revenue_retention_percent(), 52.5);
  EXPECT_EQ(out.period().new_accounts(), 1);  // D, not E
  ASSERT_EQ(out.months_size(), 2);
  EXPECT_EQ(out.months(0).churned_accounts(), 1);  // February: B
  EXPECT_DOUBLE_EQ(out.months(0).net_revenue_retention_percent(), 50.0);
  EXPECT_EQ(out.months(1).starting_accounts(), 2);  // March: A and C
  EXPECT_DOUBLE_EQ(out.months(1).net_revenue_retention_percent(), 105.0);

  // B churns in February and returns in April: new again in April.
  *req.mutable_start_month() = D(2026, 4, 1);
  *req.mutable_end_month() = D(2026, 4, 1);
  ASSERT_TRUE(stub_->GetRevenueRetention(As("acme").get(), req, &out).ok());
  EXPECT_EQ(out.period().new_accounts(), 1);
  EXPECT_EQ(out.period().new_mrr_minor(), 2000);

  *req.mutable_end_month() = D(2026, 13, 1);
  EXPECT_THAT(cx::testing::BadRequestFields(
                  stub_->GetRevenueRetention(As("acme").get(), req, &out)),
              ElementsAre("end_month"));
  // Other tenants have no revenue.
  *req.mutable_end_month() = D(2026, 4, 1);
  ASSERT_TRUE(stub_->GetRevenueRetention(As("globex").get(), req, &out).ok());
  EXPECT_EQ(out.period().new_accounts(), 0);
  EXPECT_EQ(out.currency_code(), "");
}

TEST_F(MetricsBusinessTest, ScorecardAgainstTargets) {
  // Q1 NPS target 40. January (days 1-31): 5 P, 3 passives, 2 D -> 30, MoE
  // 48.4: within the margin, so at risk. December before: 10 promoters.
  std::vector<v1::MetricEvent> events;
  const int jan[] = {10, 10, 9, 9, 9, 8, 7, 7, 6, 0};
  for (int i = 0; i < 10; ++i) {
    events.push_back(Obs(absl::StrCat("j", i), Response(i), At(2026, 1, 10)).Nps(jan[i]).event);
    events.push_back(Obs(absl::StrCat("d", i), Response(50 + i), At(2025, 12, 10)).Nps(10).event);
  }
  Record(events);
  v1::SetTargetRequest set;
  v1::Target* t = set.mutable_target();
  t->mutable_metric()->set_type(v1::METRIC_TYPE_NPS);
  *t->mutable_start_date() = D(2026, 1, 1);
  *t->mutable_end_date() = D(2026, 3, 31);
  t->set_value(40);
  t->set_direction(v1::Target::DIRECTION_AT_LEAST);
  t->set_display_name("Q1 NPS");
  v1::Target created;
  ASSERT_TRUE(stub_->SetTarget(As("acme").get(), set, &created).ok());
  EXPECT_THAT(created.name(), ::testing::StartsWith("targets/"));
  // A CSAT target of 90 for February, not active on January 31st.
  t->mutable_metric()->set_type(v1::METRIC_TYPE_CSAT);
  *t->mutable_start_date() = D(2026, 2, 1);
  *t->mutable_end_date() = D(2026, 2, 28);
  v1::Target csat;
  ASSERT_TRUE(stub_->SetTarget(As("acme").get(), set, &csat).ok());

  v1::GetScorecardRequest req;
  *req.mutable_date() = D(2026, 1, 31);
  v1::GetScorecardResponse card;
  ASSERT_TRUE(stub_->GetScorecard(As("acme", {"agent"}).get(), req, &card).ok());
  ASSERT_EQ(card.entries_size(), 1);
  const v1::ScorecardEntry& e = card.entries(0);
  EXPECT_EQ(e.target().name(), created.name());
  EXPECT_DOUBLE_EQ(e.actual().value(), 30.0);
  EXPECT_DOUBLE_EQ(e.previous().value(), 100.0);  // the 31 days before
  EXPECT_DOUBLE_EQ(e.trend(), -70.0);
  EXPECT_EQ(e.status(), v1::ScorecardEntry::STATUS_AT_RISK);

  // Replace the target: 90 is missed by 60, beyond the margin of error.
  set.mutable_target()->set_name(created.name());
  set.mutable_target()->mutable_metric()->set_type(v1::METRIC_TYPE_NPS);
  *set.mutable_target()->mutable_start_date() = D(2026, 1, 1);
  *set.mutable_target()->mutable_end_date() = D(2026, 3, 31);
  set.mutable_target()->set_value(90);
  ASSERT_TRUE(stub_->SetTarget(As("acme").get(), set, &created).ok());
  ASSERT_TRUE(stub_->GetScorecard(As("acme").get(), req, &card).ok());
  EXPECT_EQ(card.entries(0).status(), v1::ScorecardEntry::STATUS_OFF_TRACK);

  v1::ListTargetsResponse list;
  ASSERT_TRUE(stub_->ListTargets(As("acme").get(), v1::ListTargetsRequest(), &list).ok());
  EXPECT_EQ(list.targets_size(), 2);
  v1::DeleteTargetRequest del;
  del.set_name(created.name());
  v1::DeleteTargetResponse deleted;
  EXPECT_TRUE(stub_->DeleteTarget(As("acme").get(), del, &deleted).ok());
  EXPECT_EQ(stub_->DeleteTarget(As("acme").get(), del, &deleted).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // Another tenant cannot see or delete them.
  ASSERT_TRUE(stub_->ListTargets(As("globex").get(), v1::ListTargetsRequest(), &list).ok());
  EXPECT_EQ(list.targets_size(), 0);
}

TEST_F(MetricsBusinessTest, DriversRankQuestionsByCorrelation) {
  // Outcome NPS 0, 5, 10 on three responses; "speed" rises with it, "price"
  // falls, "decor" is flat.
  const int nps[] = {0, 5, 10}, speed[] = {1, 3, 5}, price[] = {5, 4, 3};
  std::vector<v1::MetricEvent> events;
  for (int i = 0; i < 3; ++i) {
    events.push_back(Obs(absl::StrCat("e", i), Response(i), At(2026, 5, 1))
                         .Nps(nps[i])
                         .Score("speed", v1::SCORE_KIND_RATING, speed[i], 1, 5)
                         .Score("price", v1::SCORE_KIND_RATING, price[i], 1, 5)
                         .Score("decor", v1::SCORE_KIND_RATING, 2, 1, 5)
                         .event);
  }
  Record(events);
  v1::AnalyzeDriversRequest req;
  req.mutable_outcome()->set_type(v1::METRIC_TYPE_NPS);
  *req.mutable_start_date() = D(2026, 5, 1);
  *req.mutable_end_date() = D(2026, 5, 31);
  v1::AnalyzeDriversResponse out;
  ASSERT_TRUE(stub_->AnalyzeDrivers(As("acme", {"analyst"}).get(), req, &out).ok());
  EXPECT_EQ(out.outcome_n(), 3);
  ASSERT_EQ(out.drivers_size(), 3);
  EXPECT_THAT(out.drivers(0).question(), ::testing::EndsWith("/speed"));
  EXPECT_DOUBLE_EQ(out.drivers(0).correlation(), 1.0);
  EXPECT_DOUBLE_EQ(out.drivers(0).performance(), 50.0);
  EXPECT_THAT(out.drivers(1).question(), ::testing::EndsWith("/price"));
  EXPECT_DOUBLE_EQ(out.drivers(1).correlation(), -1.0);
  EXPECT_FALSE(out.drivers(2).has_correlation());  // decor never varies

  req.add_driver_questions("surveys/0000000000000000000000000000000a/questions/speed");
  ASSERT_TRUE(stub_->AnalyzeDrivers(As("acme").get(), req, &out).ok());
  EXPECT_EQ(out.drivers_size(), 1);
  req.add_driver_questions("speed");
  EXPECT_THAT(cx::testing::BadRequestFields(
                  stub_->AnalyzeDrivers(As("acme").get(), req, &out)),
              ElementsAre("driver_questions[1]"));
}

TEST_F(MetricsBusinessTest, TouchpointsAsDrivers) {
  // As scorecard_drivers_test.cc: A {10, 9}, B {0, 5}, C {10}.
  const std::pair<const char*, int> answers[] = {
      {"A", 10}, {"A", 9}, {"B", 0}, {"B", 5}, {"C", 10}};
  std::vector<v1::MetricEvent> events;
  for (int i = 0; i < 5; ++i) {
    events.push_back(Obs(absl::StrCat("e", i), Response(i), At(2026, 5, 2))
                         .Touchpoint(answers[i].first)
                         .Nps(answers[i].second)
                         .event);
  }
  Record(events);
  v1::AnalyzeDriversRequest req;
  req.mutable_outcome()->set_type(v1::METRIC_TYPE_NPS);
  *req.mutable_start_date() = D(2026, 5, 1);
  *req.mutable_end_date() = D(2026, 5, 31);
  req.set_driver_dimension(v1::DIMENSION_TOUCHPOINT);
  v1::AnalyzeDriversResponse out;
  ASSERT_TRUE(stub_->AnalyzeDrivers(As("acme").get(), req, &out).ok());
  ASSERT_EQ(out.drivers_size(), 3);
  EXPECT_EQ(out.drivers(0).segment(), "A");
  EXPECT_NEAR(out.drivers(0).correlation(), 0.56997, 1e-5);
  EXPECT_EQ(out.drivers(2).segment(), "B");
  EXPECT_EQ(out.drivers(2).quadrant(), v1::Driver::QUADRANT_MONITOR);
  req.add_driver_questions("surveys/0000000000000000000000000000000a/questions/x");
  EXPECT_THAT(cx::testing::BadRequestFields(
                  stub_->AnalyzeDrivers(As("acme").get(), req, &out)),
              ElementsAre("driver_dimension"));
}

}  // namespace
}  // namespace cx::metrics
