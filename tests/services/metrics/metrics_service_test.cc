// RecordObservations and QueryMetric on MariaDB, with expectations worked
// out by hand.
#include "gmock/gmock.h"
#include "services/metrics/store/rollup_rebuild.h"
#include "tests/services/metrics/metrics_service_fixture.h"
#include "tests/testing/status_fields.h"

namespace cx::metrics {
namespace {

using ::cx::type::v1::CHANNEL_EMAIL;
using ::cx::type::v1::CHANNEL_WEB;
using ::testing::ElementsAre;

TEST_F(MetricsServiceTest, NpsByMonthAndChannelWithExplicitEmptyMonths) {
  Record({Obs("e1", Response(1), At(2026, 1, 5)).Channel(CHANNEL_WEB).Nps(10).event,
          Obs("e2", Response(2), At(2026, 1, 6)).Channel(CHANNEL_WEB).Nps(9).event,
          Obs("e3", Response(3), At(2026, 1, 7)).Channel(CHANNEL_WEB).Nps(3).event,
          Obs("e4", Response(4), At(2026, 1, 8)).Channel(CHANNEL_EMAIL).Nps(7).event,
          Obs("e5", Response(5), At(2026, 3, 9)).Channel(CHANNEL_WEB).Nps(0).event});
  v1::QueryMetricRequest req = Nps(D(2026, 1, 1), D(2026, 3, 31), v1::GRANULARITY_MONTH);
  req.add_group_by(v1::DIMENSION_CHANNEL);
  const v1::QueryMetricResponse r = Query(req);
  ASSERT_EQ(r.series_size(), 2);
  const v1::MetricSeries& web = r.series(0);
  EXPECT_THAT(web.group_values(), ElementsAre("web"));
  ASSERT_EQ(web.points_size(), 3);
  EXPECT_EQ(web.points(0).n(), 3);
  EXPECT_NEAR(web.points(0).value(), 100.0 / 3, 1e-9);  // (2 - 1) / 3
  EXPECT_EQ(web.points(1).n(), 0);                      // February: empty
  EXPECT_FALSE(web.points(1).has_value());
  EXPECT_DOUBLE_EQ(web.points(2).value(), -100.0);
  EXPECT_DOUBLE_EQ(web.total().value(), 0.0);  // 2 P, 2 D of 4
  EXPECT_THAT(r.series(1).group_values(), ElementsAre("email"));
  EXPECT_EQ(r.series(1).total().passives(), 1);
  EXPECT_DOUBLE_EQ(r.series(1).total().value(), 0.0);

  // Ungrouped, the whole quarter: 2 P, 1 passive, 2 D of 5.
  const v1::QueryMetricResponse all = Query(Nps(D(2026, 1, 1), D(2026, 3, 31)));
  ASSERT_EQ(all.series_size(), 1);
  EXPECT_EQ(all.series(0).total().n(), 5);
  EXPECT_DOUBLE_EQ(all.series(0).total().value(), 0.0);
  EXPECT_EQ(all.time_zone(), "UTC");
}

TEST_F(MetricsServiceTest, RedeliveryCountsOnce) {
  const v1::MetricEvent e = Obs("e1", Response(1), At(2026, 1, 5)).Nps(10).event;
  v1::RecordObservationsResponse first = Record({e, e});
  EXPECT_EQ(first.recorded(), 1);
  EXPECT_EQ(first.duplicates(), 1);
  v1::RecordObservationsResponse again = Record({e});
  EXPECT_EQ(again.recorded(), 0);
  EXPECT_EQ(again.duplicates(), 1);
  EXPECT_EQ(Query(Nps(D(2026, 1, 1), D(2026, 1, 31))).series(0).total().n(), 1);
}

TEST_F(MetricsServiceTest, RetractionAndReplacementAdjustRollupsExactly) {
  Record({Obs("e1", Response(1), At(2026, 1, 5)).Team("north").Nps(10).event,
          Obs("e2", Response(2), At(2026, 1, 5)).Team("north").Nps(2).event,
          Obs("e3", Response(3), At(2026, 1, 5)).Team("south").Nps(9).event});
  // Response 2 is changed to a 9; response 3 is erased.
  Record({Obs("e4", Response(2), At(2026, 1, 5)).Team("north").Nps(9).event,
          Retract("e5", {Response(3), Response(99)})});
  // An observation of an erased response arriving late (out of order from
  // another relay) does not bring it back.
  EXPECT_EQ(Record({Obs("e6", Response(3), At(2026, 1, 5)).Team("south").Nps(9).event})
                .recorded(),
            1);
  v1::QueryMetricRequest req = Nps(D(2026, 1, 1), D(2026, 1, 31));
  req.add_group_by(v1::DIMENSION_TEAM);
  const v1::QueryMetricResponse r = Query(req);
  ASSERT_EQ(r.series_size(), 1);  // south has nothing left
  EXPECT_EQ(r.series(0).total().n(), 2);
  EXPECT_DOUBLE_EQ(r.series(0).total().value(), 100.0);
  EXPECT_EQ(*CountRollupMismatches(db_->pool(), "acme"), 0);
}

TEST_F(MetricsServiceTest, RollupsEqualARecountAfterAMixedWorkload) {
  // 400 events over 60 days, 3 channels, 4 touchpoints, 2 teams, 5 agents,
  // with redeliveries, changes and retractions; deterministic.
  std::vector<v1::MetricEvent> batch;
  uint32_t x = 12345;
  auto next = [&x](uint32_t mod) { x = x * 1103515245 + 12345; return (x >> 8) % mod; };
  const cx::type::v1::Channel channels[] = {CHANNEL_WEB, CHANNEL_EMAIL,
                                           cx::type::v1::CHANNEL_SMS};
  auto workload = [&](int from, int to) {
  for (int i = from; i < to; ++i) {
    const int response = static_cast<int>(next(250));
    if (next(10) == 0) {
      batch.push_back(Retract(absl::StrCat("r", i), {Response(response)}));
    } else {
      const uint32_t agent = next(5);
      batch.push_back(
          Obs(absl::StrCat("o", i), Response(response),
              At(2026, 1, 1) + absl::Hours(next(60 * 24)))
              .Channel(channels[next(3)])
              .Touchpoint(absl::StrCat("tp", next(4)))
              .Team(agent < 3 ? "north" : "south")
              .Agent(absl::StrCat("agent", agent))
              .Nps(static_cast<int>(next(11)))
              .Score("csat", v1::SCORE_KIND_CSAT, 1 + static_cast<int>(next(5)))
              .event);
    }
    if (next(8) == 0) batch.push_back(batch.back());  // redelivered
    if (batch.size() >= 50) Record(std::exchange(batch, {}));
  }
  Record(std::exchange(batch, {}));
  };
  workload(0, 400);
  EXPECT_EQ(*CountRollupMismatches(db_->pool(), "acme"), 0);

  // Every query shape answers the same from rollups as from facts, including
  // three dimensions (served from facts) and a rebuild.
  std::vector<v1::QueryMetricRequest> shapes;
  v1::QueryMetricRequest by_week = Nps(D(2026, 1, 1), D(2026, 3, 1), v1::GRANULARITY_WEEK);
  shapes.push_back(by_week);
  v1::QueryMetricRequest two = by_week;
  two.add_group_by(v1::DIMENSION_TEAM);
  two.add_group_by(v1::DIMENSION_CHANNEL);
  shapes.push_back(two);
  v1::QueryMetricRequest filtered = by_week;
  filtered.add_group_by(v1::DIMENSION_AGENT);
  v1::DimensionFilter* f = filtered.add_filters();
  f->set_dimension(v1::DIMENSION_TOUCHPOINT);
  f->add_values("tp1");
  f->add_values("tp2");
  shapes.push_back(filtered);
  v1::QueryMetricRequest three = filtered;
  three.add_group_by(v1::DIMENSION_CHANNEL);
  shapes.push_back(three);
  v1::QueryMetricRequest csat = two;
  csat.mutable_metric()->set_type(v1::METRIC_TYPE_CSAT);
  shapes.push_back(csat);
  // The first query of each pair shape is answered from facts and starts
  // its pair rollup; more events then maintain the pairs incrementally.
  for (const v1::QueryMetricRequest& shape : shapes) Query(shape);
  EXPECT_EQ(pair_requests_, 3);  // team x channel (NPS, CSAT), agent x touchpoint
  workload(400, 700);
  EXPECT_EQ(*CountRollupMismatches(db_->pool(), "acme"), 0);
  for (const v1::QueryMetricRequest& shape : shapes) {
    const v1::QueryMetricResponse from_rollups = Query(shape);
    EXPECT_GT(from_rollups.series(0).total().n(), 0);
    // The facts path, through the same validation, by asking a reader for
    // the facts answer directly.
    MetricQuery q;
    q.type = shape.metric().type();
    q.series = q.type == v1::METRIC_TYPE_CSAT ? "csat" : "nps";
    q.scale = q.type == v1::METRIC_TYPE_CSAT ? ScoreScale{1, 5} : ScoreScale{0, 10};
    q.first = ToDayNumber(absl::CivilDay(2026, 1, 1));
    q.last = ToDayNumber(absl::CivilDay(2026, 3, 1));
    q.granularity = shape.granularity();
    for (int d : shape.group_by()) {
      q.group_by.push_back(DimensionIndex(static_cast<v1::Dimension>(d)));
    }
    for (const v1::DimensionFilter& filter : shape.filters()) {
      q.conditions.push_back({DimensionIndex(filter.dimension()),
                              {filter.values().begin(), filter.values().end()}});
    }
    const v1::QueryMetricResponse from_facts = *rollups_->QueryFacts("acme", q, "UTC");
    EXPECT_EQ(from_rollups.SerializeAsString(), from_facts.SerializeAsString())
        << shape.ShortDebugString();
  }
  EXPECT_EQ(pair_requests_, 3);  // all served from kept rollups now
  const std::string before = Query(two).SerializeAsString();
  ASSERT_TRUE(RebuildRollups(db_->pool(), "acme", /*rebucket_days=*/true).ok());
  EXPECT_EQ(*CountRollupMismatches(db_->pool(), "acme"), 0);
  EXPECT_EQ(Query(two).SerializeAsString(), before);
}

TEST_F(MetricsServiceTest, DaysAreCutInTheTenantTimeZone) {
  // 23:30 UTC on March 31st is already April 1st in Stockholm (UTC+2).
  v1::UpdateMetricsSettingsRequest update;
  update.mutable_settings()->set_time_zone("Europe/Stockholm");
  v1::MetricsSettings settings;
  ASSERT_TRUE(stub_->UpdateMetricsSettings(As("acme").get(), update, &settings).ok());
  Record({Obs("e1", Response(1), At(2026, 3, 31, 23, 30)).Nps(10).event});
  Record({Obs("e1", Response(1), At(2026, 3, 31, 23, 30)).Nps(10).event}, "utc-co");
  const v1::QueryMetricRequest req =
      Nps(D(2026, 3, 1), D(2026, 4, 30), v1::GRANULARITY_MONTH);
  const v1::QueryMetricResponse stockholm = Query(req);
  EXPECT_EQ(stockholm.time_zone(), "Europe/Stockholm");
  EXPECT_EQ(stockholm.series(0).points(0).n(), 0);
  EXPECT_EQ(stockholm.series(0).points(1).n(), 1);
  const v1::QueryMetricResponse utc = Query(req, "utc-co");
  EXPECT_EQ(utc.series(0).points(0).n(), 1);

  // After a zone change, a rebuild moves existing facts to their new days.
  update.mutable_settings()->set_time_zone("UTC");
  ASSERT_TRUE(stub_->UpdateMetricsSettings(As("acme").get(), update, &settings).ok());
  const absl::StatusOr<RebuildReport> report = RebuildRollups(db_->pool(), "acme", true);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->facts_rebucketed, 2);  // the NPS fact and the volume row
  EXPECT_EQ(Query(req).series(0).points(0).n(), 1);
}

TEST_F(MetricsServiceTest, CsatCesRatingENpsAndVolume) {
  Record({Obs("e1", Response(1), At(2026, 2, 1))
              .Touchpoint("checkout")
              .Score("csat", v1::SCORE_KIND_CSAT, 5)
              .Score("ces", v1::SCORE_KIND_CES, 6)
              .Score("speed", v1::SCORE_KIND_RATING, 8, 1, 10)
              .event,
          Obs("e2", Response(2), At(2026, 2, 2))
              .Touchpoint("checkout")
              .Score("csat", v1::SCORE_KIND_CSAT, 2)
              .Score("ces", v1::SCORE_KIND_CES, 3)
              .Score("speed", v1::SCORE_KIND_RATING, 10, 1, 10)
              .event,
          Obs("e3", Response(3), At(2026, 2, 3)).Touchpoint("support")
              .Score("csat", v1::SCORE_KIND_CSAT, 4).event,
          Obs("e4", Response(4), At(2026, 2, 3)).Employee().Nps(10).event});
  v1::QueryMetricRequest req = Nps(D(2026, 2, 1), D(2026, 2, 28));
  req.mutable_metric()->set_type(v1::METRIC_TYPE_CSAT);
  req.add_group_by(v1::DIMENSION_TOUCHPOINT);
  v1::QueryMetricResponse csat = Query(req);
  ASSERT_EQ(csat.series_size(), 2);
  EXPECT_DOUBLE_EQ(csat.series(0).total().value(), 50.0);   // checkout: 5, 2
  EXPECT_DOUBLE_EQ(csat.series(0).total().mean(), 3.5);
  EXPECT_DOUBLE_EQ(csat.series(1).total().value(), 100.0);  // support: 4

  req.clear_group_by();
  req.mutable_metric()->set_type(v1::METRIC_TYPE_CES);
  EXPECT_DOUBLE_EQ(Query(req).series(0).total().value(), 4.5);
  req.mutable_metric()->set_type(v1::METRIC_TYPE_RATING_MEAN);
  req.mutable_metric()->set_question(
      "surveys/0000000000000000000000000000000a/questions/speed");
  const v1::MetricPoint speed = Query(req).series(0).total();
  EXPECT_DOUBLE_EQ(speed.value(), 9.0);
  EXPECT_EQ(speed.top_box(), 1);  // 9-10 on 1-10
  req.mutable_metric()->set_type(v1::METRIC_TYPE_ENPS);
  req.mutable_metric()->clear_question();
  EXPECT_DOUBLE_EQ(Query(req).series(0).total().value(), 100.0);
  req.mutable_metric()->set_type(v1::METRIC_TYPE_NPS);
  EXPECT_EQ(Query(req).series(0).total().n(), 0);  // eNPS is not NPS
  req.mutable_metric()->set_type(v1::METRIC_TYPE_RESPONSE_VOLUME);
  EXPECT_DOUBLE_EQ(Query(req).series(0).total().value(), 4.0);
}

TEST_F(MetricsServiceTest, BadInputNamesTheField) {
  v1::RecordObservationsRequest bad;
  *bad.add_events() = Obs("bad id!", Response(1), At(2026, 1, 1)).Nps(11).event;
  v1::RecordObservationsResponse out;
  grpc::Status s = stub_->RecordObservations(As("acme").get(), bad, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(cx::testing::BadRequestFields(s),
              ElementsAre("events[0].event_id", "events[0].observation.scores[0].score"));

  v1::QueryMetricRequest q = Nps(D(2026, 3, 1), D(2026, 2, 1));
  v1::QueryMetricResponse r;
  s = stub_->QueryMetric(As("acme").get(), q, &r);
  EXPECT_THAT(cx::testing::BadRequestFields(s), ElementsAre("end_date"));
  q = Nps(D(2026, 1, 1), D(2026, 2, 1));
  q.add_group_by(v1::DIMENSION_TEAM);
  q.add_group_by(v1::DIMENSION_TEAM);
  s = stub_->QueryMetric(As("acme").get(), q, &r);
  EXPECT_THAT(cx::testing::BadRequestFields(s), ElementsAre("group_by[1]"));
  q.clear_group_by();
  q.mutable_metric()->set_type(v1::METRIC_TYPE_UNSPECIFIED);
  s = stub_->QueryMetric(As("acme").get(), q, &r);
  EXPECT_THAT(cx::testing::BadRequestFields(s), ElementsAre("metric.type"));

  // NPS of a CSAT question.
  Record({Obs("e1", Response(1), At(2026, 1, 5)).Score("csat", v1::SCORE_KIND_CSAT, 4).event});
  q.mutable_metric()->set_type(v1::METRIC_TYPE_NPS);
  q.mutable_metric()->set_question("surveys/0000000000000000000000000000000a/questions/csat");
  s = stub_->QueryMetric(As("acme").get(), q, &r);
  EXPECT_THAT(cx::testing::BadRequestFields(s), ElementsAre("metric.question"));
}

TEST_F(MetricsServiceTest, TenantsAndRolesAreEnforced) {
  Record({Obs("e1", Response(1), At(2026, 1, 5)).Nps(10).event}, "acme");
  EXPECT_EQ(Query(Nps(D(2026, 1, 1), D(2026, 1, 31)), "globex").series(0).total().n(), 0);
  v1::RecordObservationsRequest req;
  *req.add_events() = Obs("e2", Response(2), At(2026, 1, 5)).Nps(10).event;
  v1::RecordObservationsResponse out;
  EXPECT_EQ(stub_->RecordObservations(As("acme", {"agent"}).get(), req, &out).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(MetricsServiceTest, ReplicasSeeEachOthersWrites) {
  // A second reader (another replica) caches, then this one records more.
  RollupReader replica(&db_->pool(), 1'000'000, nullptr);
  MetricQuery q;
  q.type = v1::METRIC_TYPE_NPS;
  q.series = "nps";
  q.scale = {0, 10};
  q.first = ToDayNumber(absl::CivilDay(2026, 1, 1));
  q.last = ToDayNumber(absl::CivilDay(2026, 1, 31));
  Record({Obs("e1", Response(1), At(2026, 1, 5)).Nps(10).event});
  EXPECT_EQ(replica.Query("acme", q, "UTC")->series(0).total().n(), 1);
  EXPECT_GT(replica.cached_buckets(), 0u);
  Record({Obs("e2", Response(2), At(2026, 1, 6)).Nps(0).event,
          Retract("e3", {Response(1)})});
  const v1::MetricPoint p = replica.Query("acme", q, "UTC")->series(0).total();
  EXPECT_EQ(p.n(), 1);
  EXPECT_DOUBLE_EQ(p.value(), -100.0);
  // A rebuild (which deletes rollup rows) is noticed too.
  ASSERT_TRUE(RebuildRollups(db_->pool(), "acme", false).ok());
  EXPECT_EQ(replica.Query("acme", q, "UTC")->series(0).total().n(), 1);
}

TEST_F(MetricsServiceTest, CompareTwoPeriods) {
  std::vector<v1::MetricEvent> events;
  // January: 5 P, 3 passives, 2 D (NPS 30); February: 8 P, 2 passives (80).
  const int jan[] = {10, 10, 9, 9, 9, 8, 7, 7, 6, 0};
  const int feb[] = {10, 10, 10, 10, 9, 9, 9, 9, 8, 7};
  for (int i = 0; i < 10; ++i) {
    events.push_back(Obs(absl::StrCat("j", i), Response(i), At(2026, 1, 10)).Nps(jan[i]).event);
    events.push_back(Obs(absl::StrCat("f", i), Response(100 + i), At(2026, 2, 10)).Nps(feb[i]).event);
  }
  Record(events);
  v1::CompareMetricRequest req;
  req.mutable_metric()->set_type(v1::METRIC_TYPE_NPS);
  *req.mutable_baseline()->mutable_start_date() = D(2026, 1, 1);
  *req.mutable_baseline()->mutable_end_date() = D(2026, 1, 31);
  *req.mutable_comparison()->mutable_start_date() = D(2026, 2, 1);
  *req.mutable_comparison()->mutable_end_date() = D(2026, 2, 28);
  v1::CompareMetricResponse out;
  ASSERT_TRUE(stub_->CompareMetric(As("acme").get(), req, &out).ok());
  EXPECT_DOUBLE_EQ(out.baseline().value(), 30.0);
  EXPECT_DOUBLE_EQ(out.comparison().value(), 80.0);
  EXPECT_DOUBLE_EQ(out.difference(), 50.0);
  EXPECT_NEAR(out.z(), 1.802, 0.001);  // sqrt(610 + 160) = 27.75
  EXPECT_FALSE(out.significant());
}

TEST_F(MetricsServiceTest, CompareTwoSegmentsOfOnePeriod) {
  // CSAT in May: web 75 of 100 top-2-box, email 60 of 100 (as metric_math's
  // two-proportion test, the other way round: z = -2.2646, significant).
  std::vector<v1::MetricEvent> events;
  for (int i = 0; i < 200; ++i) {
    const bool web = i < 100;
    const int k = i % 100;
    const int score = web ? (k < 75 ? 5 : 2) : (k < 60 ? 4 : 1);
    events.push_back(Obs(absl::StrCat("e", i), Response(i), At(2026, 5, 1 + k % 28))
                         .Channel(web ? CHANNEL_WEB : CHANNEL_EMAIL)
                         .Score("csat", v1::SCORE_KIND_CSAT, score)
                         .event);
  }
  Record(events);
  v1::CompareMetricRequest req;
  req.mutable_metric()->set_type(v1::METRIC_TYPE_CSAT);
  for (auto [slice, channel] : {std::pair{req.mutable_baseline(), "web"},
                                std::pair{req.mutable_comparison(), "email"}}) {
    *slice->mutable_start_date() = D(2026, 5, 1);
    *slice->mutable_end_date() = D(2026, 5, 31);
    v1::DimensionFilter* f = slice->add_filters();
    f->set_dimension(v1::DIMENSION_CHANNEL);
    f->add_values(channel);
  }
  v1::CompareMetricResponse out;
  ASSERT_TRUE(stub_->CompareMetric(As("acme").get(), req, &out).ok());
  EXPECT_DOUBLE_EQ(out.baseline().value(), 75.0);
  EXPECT_DOUBLE_EQ(out.comparison().value(), 60.0);
  EXPECT_NEAR(out.difference(), -15.0, 1e-9);
  EXPECT_NEAR(out.z(), -2.2646, 1e-4);
  EXPECT_TRUE(out.significant());
  EXPECT_EQ(out.method(), "two-proportion");
}

TEST_F(MetricsServiceTest, PairIsBuiltFromASnapshotWhileWritesGoOn) {
  auto obs = [](int i, const char* team, cx::type::v1::Channel channel, int nps) {
    return Obs(absl::StrCat("e", i), Response(i), At(2026, 3, 1 + i % 20))
        .Team(team)
        .Channel(channel)
        .Nps(nps)
        .event;
  };
  std::vector<v1::MetricEvent> before;
  for (int i = 0; i < 40; ++i) {
    before.push_back(obs(i, i % 3 ? "north" : "south", i % 2 ? CHANNEL_WEB : CHANNEL_EMAIL,
                         i % 11));
  }
  Record(before);
  const DimensionMask team_x_channel =
      MaskOf(v1::DIMENSION_TEAM) | MaskOf(v1::DIMENSION_CHANNEL);
  // Writes land after the pair is registered but before its snapshot is
  // counted: new responses, a changed one and an erased one.
  ASSERT_TRUE(MaterializePairRollup(db_->pool(), "acme", "nps", team_x_channel,
                                    clock_.Now(), [&] {
                                      Record({obs(100, "north", CHANNEL_WEB, 0),
                                              obs(101, "south", CHANNEL_WEB, 10),
                                              Obs("e3-again", Response(3), At(2026, 3, 4))
                                                  .Team("south")
                                                  .Channel(CHANNEL_EMAIL)
                                                  .Nps(10)
                                                  .event,
                                              Retract("r5", {Response(5)})});
                                    })
                  .ok());
  EXPECT_EQ(*CountRollupMismatches(db_->pool(), "acme"), 0);
  v1::QueryMetricRequest req = Nps(D(2026, 3, 1), D(2026, 3, 31), v1::GRANULARITY_WEEK);
  req.add_group_by(v1::DIMENSION_TEAM);
  req.add_group_by(v1::DIMENSION_CHANNEL);
  const v1::QueryMetricResponse from_rollups = Query(req);
  EXPECT_EQ(pair_requests_, 0);  // the pair is ready: no fallback
  MetricQuery q;
  q.type = v1::METRIC_TYPE_NPS;
  q.series = "nps";
  q.scale = {0, 10};
  q.first = ToDayNumber(absl::CivilDay(2026, 3, 1));
  q.last = ToDayNumber(absl::CivilDay(2026, 3, 31));
  q.granularity = v1::GRANULARITY_WEEK;
  q.group_by = {DimensionIndex(v1::DIMENSION_TEAM), DimensionIndex(v1::DIMENSION_CHANNEL)};
  EXPECT_EQ(from_rollups.SerializeAsString(),
            rollups_->QueryFacts("acme", q, "UTC")->SerializeAsString());
  int64_t n = 0;
  for (const v1::MetricSeries& s : from_rollups.series()) n += s.total().n();
  EXPECT_EQ(n, 41);  // 40 + 2 new - 1 erased
}

TEST_F(MetricsServiceTest, BigFactQueriesAreRefusedWhileAPairIsPrepared) {
  std::vector<v1::MetricEvent> events;
  for (int i = 0; i < 10; ++i) {
    events.push_back(Obs(absl::StrCat("e", i), Response(i), At(2026, 3, 2))
                         .Team(i % 2 ? "north" : "south")
                         .Channel(CHANNEL_WEB)
                         .Agent(absl::StrCat("agent", i % 3))
                         .Nps(9)
                         .event);
  }
  Record(events);
  int requested = 0;
  // A reader allowed to group at most 5 observations from facts.
  RollupReader small(
      &db_->pool(), 1'000'000,
      [&](const std::string& tenant, const std::string& series, DimensionMask mask) {
        ++requested;
        EXPECT_TRUE(MaterializePairRollup(db_->pool(), tenant, series, mask,
                                          clock_.Now()).ok());
      },
      /*max_fact_scan=*/5);
  MetricQuery q;
  q.type = v1::METRIC_TYPE_NPS;
  q.series = "nps";
  q.scale = {0, 10};
  q.first = ToDayNumber(absl::CivilDay(2026, 3, 1));
  q.last = ToDayNumber(absl::CivilDay(2026, 3, 31));
  q.group_by = {DimensionIndex(v1::DIMENSION_TEAM), DimensionIndex(v1::DIMENSION_CHANNEL)};
  const absl::StatusOr<v1::QueryMetricResponse> first = small.Query("acme", q, "UTC");
  EXPECT_EQ(first.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(requested, 1);
  // Prepared (here at once): answered from rollups.
  const absl::StatusOr<v1::QueryMetricResponse> then = small.Query("acme", q, "UTC");
  ASSERT_TRUE(then.ok()) << then.status();
  ASSERT_EQ(then->series_size(), 2);
  EXPECT_EQ(then->series(0).total().n() + then->series(1).total().n(), 10);
  EXPECT_EQ(requested, 1);
  q.group_by.push_back(DimensionIndex(v1::DIMENSION_AGENT));
  EXPECT_EQ(small.Query("acme", q, "UTC").status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace cx::metrics
