#include "services/metrics/store/rollup_rebuild.h"

#include <cppconn/statement.h>

#include <functional>
#include <map>
#include <memory>
#include <tuple>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/mysql/sql_time.h"
#include "services/metrics/store/facts.h"
#include "services/metrics/store/observation_writer.h"
#include "services/metrics/store/rollup_deltas.h"

namespace cx::metrics {
namespace {

// Facts read per page by a rebuild.
constexpr int kFactPage = 20000;
// A pair build not finished within this is taken to be abandoned (its
// replica died) and restarted by the next query that needs the pair.
constexpr absl::Duration kPairBuildLease = absl::Minutes(15);

// Which series a recount covers: every type series, every question series,
// or one series.
struct SeriesScope {
  enum Kind { kAllTypes, kAllQuestions, kOne } kind;
  std::string series;  // for kOne
};

struct Recount {
  std::string sql;  // SELECT series, key1, key2, day, score, n
  std::vector<SqlValue> params;
};

// The recount of one dimension set of `tenant` over `scope`.
Recount RecountOf(const std::string& tenant, DimensionMask mask,
                  const SeriesScope& scope) {
  std::string keys[2] = {"''", "''"};
  int found = 0;
  for (int i = 0; i < kDimensionCount && found < 2; ++i) {
    if (mask & (1u << i)) keys[found++] = DimensionColumn(i);
  }
  const bool questions =
      scope.kind == SeriesScope::kAllQuestions ||
      (scope.kind == SeriesScope::kOne && absl::StartsWith(scope.series, "q:"));
  const std::string series =
      questions ? "CONCAT('q:', question)" : "type_series";
  Recount r;
  r.params = {tenant};
  std::string where;
  if (scope.kind == SeriesScope::kOne) {
    where = questions ? "question = ?" : "type_series = ?";
    r.params.push_back(questions ? scope.series.substr(2) : scope.series);
  } else {
    where = questions ? "question <> ''" : "type_series <> ''";
  }
  r.sql = absl::StrCat("SELECT ", series, " AS series, ", keys[0], " AS key1, ",
                       keys[1], " AS key2, day, score, COUNT(*) AS n ",
                       "FROM metric_facts WHERE tenant_id = ? AND ", where,
                       " GROUP BY ", series, ", ", keys[0], ", ", keys[1],
                       ", day, score");
  return r;
}

// Every (mask, scope) the tenant keeps rollups for.
std::vector<std::pair<DimensionMask, SeriesScope>> KeptRollups(Session& s,
                                                               const std::string& tenant) {
  std::vector<std::pair<DimensionMask, SeriesScope>> kept;
  for (DimensionMask mask : AlwaysRolledUpMasks()) {
    kept.push_back({mask, {SeriesScope::kAllTypes, ""}});
    kept.push_back({mask, {SeriesScope::kAllQuestions, ""}});
  }
  for (const auto& [series, masks] : ReadRollupSets(s, tenant, /*ready_only=*/true)) {
    for (DimensionMask mask : masks) {
      kept.push_back({mask, {SeriesScope::kOne, series}});
    }
  }
  return kept;
}

}  // namespace

absl::StatusOr<std::vector<std::string>> MetricTenants(ConnectionPool& pool) {
  std::vector<std::string> tenants;
  const absl::Status status = pool.Run([&](Session& s) -> absl::Status {
    auto rs = s.Query("SELECT tenant_id FROM metric_tenants ORDER BY tenant_id", {});
    while (rs->next()) tenants.push_back(rs->getString("tenant_id").asStdString());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return tenants;
}

absl::StatusOr<RebuildReport> RebuildRollups(ConnectionPool& pool,
                                             const std::string& tenant,
                                             bool rebucket_days) {
  RebuildReport report;
  const absl::Status status = pool.Transact([&](Session& s) -> absl::Status {
    report = RebuildReport{.tenant = tenant};
    const TenantRevision row = LockTenant(s, tenant);
    absl::TimeZone zone;
    if (!absl::LoadTimeZone(row.time_zone, &zone)) zone = absl::UTCTimeZone();
    s.ExecuteArgs(
        "UPDATE metric_tenants SET generation = generation + 1 WHERE tenant_id = ?",
        tenant);
    // One pass over the facts (in primary-key pages) counts every kept
    // rollup, by the same code the writer adds them with.
    // Pairs being built are counted in full here, so they are ready after.
    const RollupSets pairs = ReadRollupSets(s, tenant, /*ready_only=*/false);
    RollupDeltas counts;
    std::string after_source, after_question;
    for (int rows = kFactPage; rows == kFactPage;) {
      rows = 0;
      auto rs = s.Query(
          absl::StrCat("SELECT ", kFactColumns,
                       " FROM metric_facts WHERE tenant_id = ? AND (source > ? OR "
                       "(source = ? AND question > ?)) ORDER BY source, question "
                       "LIMIT ?"),
          {tenant, after_source, after_source, after_question, int64_t{kFactPage}});
      while (rs->next()) {
        ++rows;
        Fact f = ReadFact(*rs);
        after_source = f.source, after_question = f.question;
        if (rebucket_days) {
          const DayNumber day = LocalDay(f.observe_time, zone);
          if (day != f.day) {
            s.ExecuteArgs("UPDATE metric_facts SET day = ? WHERE tenant_id = ? "
                          "AND source = ? AND question = ?",
                          SqlDate(day), tenant, f.source, f.question);
            f.day = day;
            ++report.facts_rebucketed;
          }
        }
        counts.Add(f, +1, pairs);
      }
    }
    s.ExecuteArgs("DELETE FROM metric_rollups WHERE tenant_id = ?", tenant);
    report.rollup_rows = static_cast<int64_t>(counts.Write(s, tenant, row.revision));
    s.ExecuteArgs("UPDATE metric_rollup_sets SET ready = 1 WHERE tenant_id = ?",
                  tenant);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return report;
}

absl::StatusOr<int64_t> CountRollupMismatches(ConnectionPool& pool,
                                              const std::string& tenant) {
  using Key = std::tuple<std::string, int, std::string, std::string,
                         std::string, int>;
  std::map<Key, int64_t> expected, actual;
  const absl::Status status = pool.Run([&](Session& s) -> absl::Status {
    for (const auto& [mask, scope] : KeptRollups(s, tenant)) {
      {
        const Recount r = RecountOf(tenant, mask, scope);
        auto rs = s.Query(r.sql, r.params);
        while (rs->next()) {
          expected[{rs->getString("series").asStdString(), mask,
                    rs->getString("key1").asStdString(),
                    rs->getString("key2").asStdString(),
                    rs->getString("day").asStdString(), rs->getInt("score")}] =
              rs->getInt64("n");
        }
      }
    }
    // Pairs still being built hold only changes so far: not comparable yet.
    auto rs = s.QueryArgs(
        "SELECT series, dims, key1, key2, day, score, count FROM metric_rollups r "
        "WHERE tenant_id = ? AND count <> 0 AND NOT EXISTS (SELECT 1 FROM "
        "metric_rollup_sets b WHERE b.tenant_id = r.tenant_id AND "
        "b.series = r.series AND b.dims = r.dims AND b.ready = 0)",
        tenant);
    while (rs->next()) {
      actual[{rs->getString("series").asStdString(), rs->getInt("dims"),
              rs->getString("key1").asStdString(),
              rs->getString("key2").asStdString(),
              rs->getString("day").asStdString(), rs->getInt("score")}] =
          rs->getInt64("count");
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  int64_t mismatches = 0;
  for (const auto& [key, n] : expected) {
    auto it = actual.find(key);
    if (it == actual.end() || it->second != n) ++mismatches;
  }
  for (const auto& [key, n] : actual) {
    if (!expected.contains(key)) ++mismatches;
  }
  return mismatches;
}

absl::Status MaterializePairRollup(ConnectionPool& pool, const std::string& tenant,
                                   const std::string& series, DimensionMask mask,
                                   absl::Time now,
                                   const std::function<void()>& after_registration) {
  // Held across the three steps: the snapshot the counts come from.
  return pool.Run([&](Session& snapshot) -> absl::Status {
    auto raw = [&snapshot](const char* sql) {
      std::unique_ptr<sql::Statement>(snapshot.connection().createStatement())
          ->execute(sql);
    };
    // Never hand the connection back inside the snapshot transaction.
    struct Rollback {
      std::function<void()> run;
      bool open = false;
      ~Rollback() {
        if (!open) return;
        try { run(); } catch (...) {}  // the pool drops a broken connection
      }
    } guard{[&] { raw("ROLLBACK"); }};
    bool registered = false;
    int64_t generation = 0;
    // 1. Register the pair as being built, under the tenant's lock, and take
    //    the snapshot before that commits: it holds every write of the tenant
    //    before the registration, and writes after it maintain the pair.
    absl::Status status = pool.Transact([&](Session& s) -> absl::Status {
      registered = false;
      LockTenant(s, tenant);
      auto existing = s.QueryArgs(
          "SELECT ready, create_time FROM metric_rollup_sets WHERE tenant_id = ? "
          "AND series = ? AND dims = ?",
          tenant, series, int64_t{mask});
      if (existing->next()) {
        const bool abandoned =
            existing->getInt("ready") == 0 &&
            FromSqlDatetime(existing->getString("create_time").asStdString()) <
                now - kPairBuildLease;
        if (!abandoned) return absl::OkStatus();  // kept, or being built
        s.ExecuteArgs("DELETE FROM metric_rollups WHERE tenant_id = ? AND "
                      "series = ? AND dims = ?",
                      tenant, series, int64_t{mask});
        s.ExecuteArgs("DELETE FROM metric_rollup_sets WHERE tenant_id = ? AND "
                      "series = ? AND dims = ?",
                      tenant, series, int64_t{mask});
      }
      s.ExecuteArgs(
          "INSERT INTO metric_rollup_sets (tenant_id, series, dims, create_time, "
          "ready) VALUES (?, ?, ?, ?, 0)",
          tenant, series, int64_t{mask}, ToSqlDatetime(now));
      auto gen = s.QueryArgs(
          "SELECT generation FROM metric_tenants WHERE tenant_id = ?", tenant);
      if (gen->next()) generation = gen->getInt64("generation");
      if (guard.open) raw("ROLLBACK");  // a retried attempt: start afresh
      raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      raw("START TRANSACTION WITH CONSISTENT SNAPSHOT");
      guard.open = true;
      registered = true;
      return absl::OkStatus();
    });
    if (!status.ok() || !registered) return status;
    if (after_registration) after_registration();

    // 2. Count the series' facts in the snapshot, without any lock.
    RollupDeltas counts;
    const bool by_question = absl::StartsWith(series, "q:");
    const std::string series_value = by_question ? series.substr(2) : series;
    std::string after_source, after_question;
    for (int rows = kFactPage; rows == kFactPage;) {
      rows = 0;
      auto rs = snapshot.Query(
          absl::StrCat("SELECT ", kFactColumns, " FROM metric_facts WHERE "
                       "tenant_id = ? AND ", by_question ? "question" : "type_series",
                       " = ? AND (source > ? OR (source = ? AND question > ?)) "
                       "ORDER BY source, question LIMIT ?"),
          {tenant, series_value, after_source, after_source, after_question,
           int64_t{kFactPage}});
      while (rs->next()) {
        ++rows;
        const Fact f = ReadFact(*rs);
        after_source = f.source, after_question = f.question;
        counts.AddTo(f, series, mask, +1);
      }
    }
    raw("COMMIT");
    guard.open = false;

    // 3. Add the counts to the changes writers made meanwhile; ready.
    return pool.Transact([&](Session& s) -> absl::Status {
      const TenantRevision row = LockTenant(s, tenant);
      auto gen = s.QueryArgs(
          "SELECT generation FROM metric_tenants WHERE tenant_id = ?", tenant);
      // A rebuild since step 1 counted the pair in full already.
      if (gen->next() && gen->getInt64("generation") != generation) {
        return absl::OkStatus();
      }
      counts.Write(s, tenant, row.revision);
      s.ExecuteArgs("UPDATE metric_rollup_sets SET ready = 1 WHERE tenant_id = ? "
                    "AND series = ? AND dims = ?",
                    tenant, series, int64_t{mask});
      return absl::OkStatus();
    });
  });
}

}  // namespace cx::metrics
