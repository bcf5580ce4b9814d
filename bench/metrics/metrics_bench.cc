// bench/metrics: QueryMetric at millions of responses against the best single
// SQL aggregate over the same facts, and RecordObservations throughput.
//
//   metrics_bench --phase=load  [--responses=5000000]   facts straight into the
//       store (CX_MYSQL_*), then rollups rebuilt from them by the production
//       rebuild (`cxctl metrics rebuild`).
//   metrics_bench --phase=query --target=HOST:PORT      NPS over a year by
//       month, and by month x channel, through gRPC (cold first call, then
//       p50/p99); the same numbers by SQL with a covering index; values
//       compared count by count; then RecordObservations throughput.
//
// Prints human lines and `RESULT key=value ...` lines.
#include <atomic>
#include <cstdio>
#include <map>
#include <thread>
#include <tuple>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "bench/common/percentile.h"
#include "common/auth/jwt.h"
#include "common/config.h"
#include "common/grpc/metadata.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/migrations.h"
#include "common/mysql/placeholders.h"
#include "common/mysql/sql_time.h"
#include "common/proto_date.h"
#include "common/proto_time.h"
#include "cx/metrics/v1/metrics_service.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "services/metrics/store/rollup_rebuild.h"

ABSL_FLAG(std::string, phase, "query", "load or query");
ABSL_FLAG(std::string, target, "127.0.0.1:50052", "cx-metrics address");
ABSL_FLAG(int, responses, 5'000'000, "load: responses for the tenant");
ABSL_FLAG(std::string, tenant, "bench", "tenant of the loaded responses");
ABSL_FLAG(int, iterations, 300, "query: measured calls per query shape");
ABSL_FLAG(int, baseline_iterations, 5, "query: SQL baseline runs per shape");
ABSL_FLAG(int, ingest_seconds, 10, "query: RecordObservations measuring time");

namespace cx {
const std::vector<Migration>& MetricsMigrations();
}

namespace {

namespace mv1 = cx::metrics::v1;

constexpr int kYear = 2025;
constexpr const char* kChannels[] = {"web", "email", "sms", "chat",
                                     "phone", "in_app", "social", "kiosk"};
constexpr int kTouchpoints = 6, kTeams = 4, kAgentsPerTeam = 6, kSurveys = 2;
constexpr int kRowsPerInsert = 1000;

[[noreturn]] void Die(const absl::Status& s) {
  std::fprintf(stderr, "metrics_bench: %s\n", s.ToString().c_str());
  std::exit(1);
}

uint32_t Next(uint64_t& x) {
  x = x * 6364136223846793005ULL + 1442695040888963407ULL;
  return static_cast<uint32_t>(x >> 33);
}

// An NPS score skewed like real programmes (about 45% promoters, 20%
// detractors).
int NpsScore(uint32_t r) {
  static constexpr int kWeights[11] = {2, 1, 1, 2, 2, 5, 7, 15, 20, 22, 23};
  int roll = static_cast<int>(r % 100);
  for (int s = 0; s < 11; ++s) {
    if ((roll -= kWeights[s]) < 0) return s;
  }
  return 10;
}

std::string Survey(int i) { return absl::StrFormat("surveys/%032x", i + 1); }

void Load(cx::ConnectionPool& pool, const std::string& tenant, int responses) {
  if (auto s = cx::ApplyMigrations(pool, cx::MetricsMigrations()); !s.ok()) {
    Die(s.status());
  }
  if (auto s = pool.Run([&](cx::Session& session) {
        session.ExecuteArgs("DELETE FROM metric_facts WHERE tenant_id = ?", tenant);
        session.ExecuteArgs(
            "INSERT INTO metric_tenants (tenant_id, revision) VALUES (?, 1) "
            "ON DUPLICATE KEY UPDATE revision = revision + 1",
            tenant);
        return absl::OkStatus();
      });
      !s.ok()) {
    Die(s);
  }
  const absl::Time start = absl::Now();
  const absl::CivilDay first(kYear, 1, 1);
  // Two writers (one per core) take alternate chunks of 10 statements.
  constexpr int kChunk = kRowsPerInsert / 2 * 10;  // responses per chunk
  std::atomic<int> next_chunk{0};
  auto writer = [&] {
    const std::string sql = absl::StrCat(
        "INSERT INTO metric_facts (tenant_id, source, question, type_series, "
        "day, observe_time, score, channel, touchpoint, team, agent, survey) "
        "VALUES ",
        cx::RowPlaceholders(kRowsPerInsert, 12));
    for (;;) {
      const int chunk = next_chunk++;
      const int begin = chunk * kChunk;
      if (begin >= responses) return;
      const int end = std::min(responses, begin + kChunk);
      const absl::Status s = pool.Transact([&](cx::Session& session) {
        std::vector<cx::SqlValue> params;
        params.reserve(kRowsPerInsert * 12);
        auto flush = [&](bool last) {
          if (params.empty()) return;
          const size_t rows = params.size() / 12;
          session.Execute(rows == kRowsPerInsert
                              ? sql
                              : absl::StrCat("INSERT INTO metric_facts (tenant_id, "
                                             "source, question, type_series, day, "
                                             "observe_time, score, channel, "
                                             "touchpoint, team, agent, survey) VALUES ",
                                             cx::RowPlaceholders(rows, 12)),
                          params);
          params.clear();
        };
        for (int i = begin; i < end; ++i) {
          uint64_t x = static_cast<uint64_t>(i) * 2654435761ULL + 1;
          // Responses arrive in time order, as in life (and as the
          // time-ordered ids of cx-feedback make them): day by day.
          const absl::CivilDay day =
              first + static_cast<int>(static_cast<int64_t>(i) * 365 / responses);
          const absl::Time t =
              absl::FromCivil(absl::CivilSecond(day) + Next(x) % 86400, absl::UTCTimeZone());
          const int team = static_cast<int>(Next(x) % kTeams);
          const std::string survey = Survey(static_cast<int>(Next(x) % kSurveys));
          const std::string source = absl::StrFormat("%s/responses/%032x", survey, i);
          const std::string channel = kChannels[Next(x) % 8];
          const std::string touchpoint = absl::StrCat("touchpoint-", Next(x) % kTouchpoints);
          const std::string agent =
              absl::StrCat("agent-", team, "-", Next(x) % kAgentsPerTeam);
          const std::string day_text = absl::FormatCivilTime(day);
          const std::string time_text = cx::ToSqlDatetime(t);
          const int score = NpsScore(Next(x));
          for (const auto& [question, series, value] :
               {std::tuple<std::string, std::string, int>{
                    absl::StrCat(survey, "/questions/nps"), "nps", score},
                {"", "volume", 0}}) {
            params.insert(params.end(),
                          {tenant, source, question, series, day_text, time_text,
                           int64_t{value}, channel, touchpoint,
                           absl::StrCat("team-", team), agent, survey});
            if (params.size() == kRowsPerInsert * 12) flush(false);
          }
        }
        flush(true);
        return absl::OkStatus();
      });
      if (!s.ok()) Die(s);
      if (chunk % 40 == 0) {
        std::fprintf(stderr, "\r  facts: %d / %d responses", end, responses);
      }
    }
  };
  std::thread a(writer), b(writer);
  a.join(), b.join();
  const absl::Duration facts = absl::Now() - start;
  std::fprintf(stderr, "\n");
  std::printf("loaded %d responses (%d fact rows) in %.0f s: %.0f responses/s\n",
              responses, 2 * responses, absl::ToDoubleSeconds(facts),
              responses / absl::ToDoubleSeconds(facts));
  if (auto s = pool.Run([&](cx::Session& session) {
        session.ExecuteArgs("INSERT INTO metric_questions (tenant_id, question, "
                            "kind, scale_min, scale_max) VALUES (?, ?, 1, 0, 10), "
                            "(?, ?, 1, 0, 10) ON DUPLICATE KEY UPDATE kind = kind",
                            tenant, Survey(0) + "/questions/nps", tenant,
                            Survey(1) + "/questions/nps");
        return absl::OkStatus();
      });
      !s.ok()) {
    Die(s);
  }
  const absl::Time rebuild_start = absl::Now();
  auto report = cx::metrics::RebuildRollups(pool, tenant, false);
  if (!report.ok()) Die(report.status());
  const absl::Duration rebuild = absl::Now() - rebuild_start;
  std::printf("rollups rebuilt from facts: %lld rows in %.0f s\n",
              static_cast<long long>(report->rollup_rows),
              absl::ToDoubleSeconds(rebuild));
  std::printf("RESULT phase=load responses=%d load_s=%.0f rollup_rows=%lld rebuild_s=%.0f\n",
              responses, absl::ToDoubleSeconds(facts),
              static_cast<long long>(report->rollup_rows), absl::ToDoubleSeconds(rebuild));
}

// (month, channel or "") -> n, promoters, detractors.
using Counts = std::map<std::pair<int, std::string>, std::tuple<int64_t, int64_t, int64_t>>;

Counts CountsOf(const mv1::QueryMetricResponse& r) {
  Counts out;
  for (const mv1::MetricSeries& s : r.series()) {
    const std::string group = s.group_values().empty() ? "" : s.group_values(0);
    for (const mv1::MetricPoint& p : s.points()) {
      if (p.n() == 0) continue;
      out[{p.start_date().month(), group}] = {p.n(), p.promoters(), p.detractors()};
    }
  }
  return out;
}

struct Measured {
  double cold_ms = 0, p50_ms = 0, p99_ms = 0;
  Counts counts;
};

Measured MeasureGrpc(mv1::MetricsService::Stub& stub, const std::string& token,
                     const mv1::QueryMetricRequest& request, int iterations) {
  Measured m;
  std::vector<double> samples;
  for (int i = 0; i <= iterations; ++i) {
    auto context = cx::MakeClientContext(token, absl::Seconds(120));
    mv1::QueryMetricResponse response;
    const absl::Time start = absl::Now();
    const grpc::Status s = stub.QueryMetric(context.get(), request, &response);
    const double ms = absl::ToDoubleMilliseconds(absl::Now() - start);
    if (!s.ok()) Die(absl::InternalError(s.error_message()));
    if (i == 0) {
      m.cold_ms = ms;  // loads the rollups into memory
      m.counts = CountsOf(response);
    } else {
      samples.push_back(ms);
    }
  }
  m.p50_ms = cx::bench::Percentile(samples, 0.5);
  m.p99_ms = cx::bench::Percentile(samples, 0.99);
  return m;
}

Measured MeasureSql(cx::ConnectionPool& pool, const std::string& tenant,
                    bool by_channel, int iterations) {
  Measured m;
  const std::string group = by_channel ? ", channel" : "";
  const std::string sql = absl::StrCat(
      "SELECT MONTH(day) AS m", group,
      ", COUNT(*) AS n, SUM(score >= 9) AS p, SUM(score <= 6) AS d "
      // MariaDB's optimizer prefers the primary key here (about 7x slower
      // at 5M responses); the baseline gets the covering index.
      "FROM metric_facts FORCE INDEX (bench_covering) "
      "WHERE tenant_id = ? AND type_series = 'nps' "
      "AND day BETWEEN ? AND ? GROUP BY MONTH(day)", group);
  std::vector<double> samples;
  for (int i = 0; i < iterations; ++i) {
    Counts counts;
    const absl::Time start = absl::Now();
    const absl::Status s = pool.Run([&](cx::Session& session) {
      auto rs = session.QueryArgs(sql, tenant, absl::StrCat(kYear, "-01-01"),
                                  absl::StrCat(kYear, "-12-31"));
      while (rs->next()) {
        counts[{rs->getInt("m"), by_channel ? rs->getString("channel").asStdString() : ""}] =
            {rs->getInt64("n"), rs->getInt64("p"), rs->getInt64("d")};
      }
      return absl::OkStatus();
    });
    if (!s.ok()) Die(s);
    samples.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
    m.counts = std::move(counts);
  }
  m.p50_ms = cx::bench::Percentile(samples, 0.5);
  m.p99_ms = cx::bench::Percentile(samples, 0.99);
  return m;
}

void MeasureIngest(const std::string& target, const cx::JwtKey& key) {
  const std::string tenant = absl::StrCat("ingest-", absl::ToUnixSeconds(absl::Now()));
  auto token = cx::MintToken(key, {.tenant = tenant, .subject = "bench",
                                   .roles = {"ingest"}, .issued_at = absl::Now()});
  if (!token.ok()) Die(token.status());
  constexpr int kClients = 2, kBatch = 500;
  std::atomic<bool> stop{false};
  std::atomic<int64_t> observations{0};
  std::vector<std::vector<double>> latencies(kClients);
  std::vector<std::thread> threads;
  const absl::Time start = absl::Now();
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      auto stub = mv1::MetricsService::NewStub(
          grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
      uint64_t x = c + 7;
      for (int64_t batch = 0; !stop; ++batch) {
        mv1::RecordObservationsRequest req;
        for (int i = 0; i < kBatch; ++i) {
          mv1::MetricEvent* e = req.add_events();
          e->set_event_id(absl::StrFormat("c%d-%d-%d", c, batch, i));
          mv1::Observation* o = e->mutable_observation();
          o->set_source(absl::StrFormat("surveys/%032x/responses/%016x%08x%08x", 1, c,
                                        static_cast<int>(batch), i));
          *o->mutable_time() = cx::ToProto(absl::Now() - absl::Hours(Next(x) % 2000));
          o->set_channel(static_cast<cx::type::v1::Channel>(1 + Next(x) % 8));
          o->set_touchpoint(absl::StrCat("touchpoint-", Next(x) % kTouchpoints));
          const int team = static_cast<int>(Next(x) % kTeams);
          o->set_team(absl::StrCat("team-", team));
          o->set_agent(absl::StrCat("agent-", team, "-", Next(x) % kAgentsPerTeam));
          mv1::ObservedScore* s = o->add_scores();
          s->set_question(absl::StrFormat("surveys/%032x/questions/nps", 1));
          s->set_kind(mv1::SCORE_KIND_NPS);
          s->set_score(NpsScore(Next(x)));
        }
        auto context = cx::MakeClientContext(*token, absl::Seconds(60));
        mv1::RecordObservationsResponse out;
        const absl::Time t = absl::Now();
        const grpc::Status s = stub->RecordObservations(context.get(), req, &out);
        if (!s.ok()) Die(absl::InternalError(s.error_message()));
        latencies[c].push_back(absl::ToDoubleMilliseconds(absl::Now() - t));
        observations += out.recorded();
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(absl::GetFlag(FLAGS_ingest_seconds)));
  stop = true;
  for (auto& t : threads) t.join();
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  const double rate = observations / seconds;
  const double p50 = cx::bench::Percentile(all, 0.5), p99 = cx::bench::Percentile(all, 0.99);
  std::printf("RecordObservations, %d clients x batches of %d: %.0f observations/s, "
              "batch p50 %.1f ms p99 %.1f ms\n", kClients, kBatch, rate, p50, p99);
  std::printf("RESULT phase=ingest observations_per_s=%.0f batch_p50_ms=%.1f "
              "batch_p99_ms=%.1f\n", rate, p50, p99);
}

// A pair of dimensions (team x channel) not kept yet: the first query is
// answered from facts and starts building the pair in the background; once it
// is ready, queries read rollups like the others.
void MeasurePair(cx::ConnectionPool& pool, mv1::MetricsService::Stub& stub,
                 const std::string& token, const mv1::QueryMetricRequest& by_month,
                 int iterations) {
  mv1::QueryMetricRequest request = by_month;
  request.add_group_by(mv1::DIMENSION_TEAM);
  request.add_group_by(mv1::DIMENSION_CHANNEL);
  auto ready = [&] {
    bool is_ready = false;
    if (auto s = pool.Run([&](cx::Session& session) {
          auto rs = session.QueryArgs(
              "SELECT ready FROM metric_rollup_sets WHERE tenant_id = ? AND "
              "series = 'nps' AND dims = ?",
              absl::GetFlag(FLAGS_tenant),
              int64_t{(1 << 0) | (1 << 2)});  // channel | team
          is_ready = rs->next() && rs->getInt("ready") == 1;
          return absl::OkStatus();
        });
        !s.ok()) {
      Die(s);
    }
    return is_ready;
  };
  // From scratch on every run: forget the pair if an earlier run kept it,
  // and bump the generation so cx-metrics drops what it cached.
  if (auto s = pool.Transact([&](cx::Session& session) {
        for (const char* table : {"metric_rollup_sets", "metric_rollups"}) {
          session.Execute(absl::StrCat("DELETE FROM ", table,
                                       " WHERE tenant_id = ? AND series = 'nps' "
                                       "AND dims = ?"),
                          {absl::GetFlag(FLAGS_tenant), int64_t{(1 << 0) | (1 << 2)}});
        }
        session.ExecuteArgs("UPDATE metric_tenants SET revision = revision + 1, "
                            "generation = generation + 1 WHERE tenant_id = ?",
                            absl::GetFlag(FLAGS_tenant));
        return absl::OkStatus();
      });
      !s.ok()) {
    Die(s);
  }
  const absl::Time start = absl::Now();
  grpc::Status first;
  {
    auto context = cx::MakeClientContext(token, absl::Seconds(300));
    mv1::QueryMetricResponse response;
    first = stub.QueryMetric(context.get(), request, &response);
  }
  const double first_ms = absl::ToDoubleMilliseconds(absl::Now() - start);
  while (!ready()) absl::SleepFor(absl::Milliseconds(500));
  const double built_s = absl::ToDoubleSeconds(absl::Now() - start);
  const Measured m = MeasureGrpc(stub, token, request, iterations);
  std::printf(
      "QueryMetric NPS %d by_month_x_team_x_channel (a pair not kept yet): first "
      "call %s in %.0f ms, pair kept after %.0f s; then cold %.1f ms, p50 %.2f ms, "
      "p99 %.2f ms\n",
      kYear, first.ok() ? "answered from facts" : first.error_message().c_str(),
      first_ms, built_s, m.cold_ms, m.p50_ms, m.p99_ms);
  std::printf("RESULT phase=query shape=by_month_x_team_x_channel first_ms=%.0f "
              "built_s=%.0f p50_ms=%.2f p99_ms=%.2f\n",
              first_ms, built_s, m.p50_ms, m.p99_ms);
}

void Query(cx::ConnectionPool& pool, const std::string& tenant) {
  auto key = cx::LoadJwtKey();
  if (!key.ok()) Die(key.status());
  auto token = cx::MintToken(*key, {.tenant = tenant, .subject = "bench",
                                    .roles = {"analyst"}, .issued_at = absl::Now()});
  if (!token.ok()) Die(token.status());
  auto stub = mv1::MetricsService::NewStub(grpc::CreateChannel(
      absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials()));
  mv1::QueryMetricRequest by_month;
  by_month.mutable_metric()->set_type(mv1::METRIC_TYPE_NPS);
  *by_month.mutable_start_date() = cx::ToDate(absl::CivilDay(kYear, 1, 1));
  *by_month.mutable_end_date() = cx::ToDate(absl::CivilDay(kYear, 12, 31));
  by_month.set_granularity(mv1::GRANULARITY_MONTH);
  mv1::QueryMetricRequest by_channel = by_month;
  by_channel.add_group_by(mv1::DIMENSION_CHANNEL);

  // The baseline's best index: covering the filter, the grouping and the score.
  const absl::Time index_start = absl::Now();
  if (auto s = pool.Run([](cx::Session& session) {
        auto rs = session.Query(
            "SELECT COUNT(*) FROM information_schema.statistics WHERE "
            "table_schema = DATABASE() AND table_name = 'metric_facts' AND "
            "index_name = 'bench_covering'", {});
        rs->next();
        if (rs->getInt(1) == 0) {
          session.Execute("CREATE INDEX bench_covering ON metric_facts "
                          "(tenant_id, type_series, day, channel, score)", {});
        }
        return absl::OkStatus();
      });
      !s.ok()) {
    Die(s);
  }
  std::printf("baseline covering index (tenant_id, type_series, day, channel, score) "
              "ready in %.0f s\n", absl::ToDoubleSeconds(absl::Now() - index_start));

  const int iterations = absl::GetFlag(FLAGS_iterations);
  const int baseline_iterations = absl::GetFlag(FLAGS_baseline_iterations);
  bool identical = true;
  for (const auto& [name, request, channel] :
       {std::tuple<const char*, const mv1::QueryMetricRequest*, bool>{
            "by_month", &by_month, false},
        {"by_month_x_channel", &by_channel, true}}) {
    const Measured cx_run = MeasureGrpc(*stub, *token, *request, iterations);
    const Measured sql_run = MeasureSql(pool, absl::GetFlag(FLAGS_tenant), channel,
                                        baseline_iterations);
    int64_t n = 0;
    for (const auto& [k, v] : cx_run.counts) n += std::get<0>(v);
    const bool same = cx_run.counts == sql_run.counts;
    identical = identical && same;
    std::printf(
        "QueryMetric NPS %d %s (%lld responses, %zu points): cold %.1f ms, "
        "p50 %.2f ms, p99 %.2f ms | SQL aggregate p50 %.0f ms, p99 %.0f ms | "
        "%.0fx faster at p50, %.0fx at p99 | values %s\n",
        kYear, name, static_cast<long long>(n), cx_run.counts.size(), cx_run.cold_ms,
        cx_run.p50_ms, cx_run.p99_ms, sql_run.p50_ms, sql_run.p99_ms,
        sql_run.p50_ms / cx_run.p50_ms, sql_run.p99_ms / cx_run.p99_ms,
        same ? "identical" : "DIFFERENT");
    std::printf("RESULT phase=query shape=%s responses=%lld cold_ms=%.1f p50_ms=%.2f "
                "p99_ms=%.2f sql_p50_ms=%.0f sql_p99_ms=%.0f speedup_p99=%.0f "
                "identical=%d\n",
                name, static_cast<long long>(n), cx_run.cold_ms, cx_run.p50_ms,
                cx_run.p99_ms, sql_run.p50_ms, sql_run.p99_ms,
                sql_run.p99_ms / cx_run.p99_ms, same ? 1 : 0);
  }
  MeasurePair(pool, *stub, *token, by_month, iterations);
  MeasureIngest(absl::GetFlag(FLAGS_target), *key);
  if (!identical) Die(absl::DataLossError("QueryMetric and SQL disagree"));
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  auto mysql = cx::LoadMysqlConfig("cx_metrics_bench");
  if (!mysql.ok()) Die(mysql.status());
  mysql->pool_size = 4;
  // Rebuilding and the SQL baseline scan millions of rows per statement.
  mysql->read_timeout_seconds = 3600;
  cx::ConnectionPool pool(*mysql);
  if (absl::GetFlag(FLAGS_phase) == "load") {
    Load(pool, absl::GetFlag(FLAGS_tenant), absl::GetFlag(FLAGS_responses));
  } else {
    Query(pool, absl::GetFlag(FLAGS_tenant));
  }
  return 0;
}
