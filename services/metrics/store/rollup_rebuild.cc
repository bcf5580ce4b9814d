#include "services/metrics/store/rollup_rebuild.h"

#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/mysql/sql_time.h"
#include "services/metrics/store/facts.h"
#include "services/metrics/store/observation_writer.h"

namespace cx::metrics {
namespace {

constexpr int kRebucketChunk = 5000;

// The recount of one dimension set, for type series (questions = false) or
// question series: SELECT series, key1, key2, day, score, count.
std::string RecountSql(DimensionMask mask, bool questions) {
  std::string keys[2] = {"''", "''"};
  int found = 0;
  for (int i = 0; i < kDimensionCount && found < 2; ++i) {
    if (mask & (1u << i)) keys[found++] = DimensionColumn(i);
  }
  const std::string series =
      questions ? "CONCAT('q:', question)" : "type_series";
  const std::string where = questions ? "question <> ''" : "type_series <> ''";
  return absl::StrCat("SELECT ", series, " AS series, ", keys[0], " AS key1, ",
                      keys[1], " AS key2, day, score, COUNT(*) AS n ",
                      "FROM metric_facts WHERE tenant_id = ? AND ", where,
                      " GROUP BY ", series, ", ", keys[0], ", ", keys[1],
                      ", day, score");
}

absl::StatusOr<int64_t> RebucketDays(ConnectionPool& pool,
                                     const std::string& tenant) {
  int64_t changed = 0;
  std::string after_source, after_question;
  for (bool more = true; more;) {
    const absl::Status status = pool.Transact([&](Session& s) -> absl::Status {
      const TenantRevision row = LockTenant(s, tenant);
      absl::TimeZone zone;
      if (!absl::LoadTimeZone(row.time_zone, &zone)) zone = absl::UTCTimeZone();
      auto rs = s.Query(
          std::string("SELECT ") + kFactColumns +
              " FROM metric_facts WHERE tenant_id = ? AND (source > ? OR "
              "(source = ? AND question > ?)) ORDER BY source, question LIMIT ?",
          {tenant, after_source, after_source, after_question,
           int64_t{kRebucketChunk}});
      int rows = 0;
      while (rs->next()) {
        ++rows;
        const Fact f = ReadFact(*rs);
        after_source = f.source, after_question = f.question;
        const DayNumber day = LocalDay(f.observe_time, zone);
        if (day == f.day) continue;
        s.ExecuteArgs("UPDATE metric_facts SET day = ? WHERE tenant_id = ? "
                      "AND source = ? AND question = ?",
                      SqlDate(day), tenant, f.source, f.question);
        ++changed;
      }
      more = rows == kRebucketChunk;
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
  }
  return changed;
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
  report.tenant = tenant;
  if (rebucket_days) {
    absl::StatusOr<int64_t> changed = RebucketDays(pool, tenant);
    if (!changed.ok()) return changed.status();
    report.facts_rebucketed = *changed;
  }
  const absl::Status status = pool.Transact([&](Session& s) -> absl::Status {
    report.rollup_rows = 0;
    const TenantRevision row = LockTenant(s, tenant);
    s.ExecuteArgs(
        "UPDATE metric_tenants SET generation = generation + 1 WHERE tenant_id = ?",
        tenant);
    s.ExecuteArgs("DELETE FROM metric_rollups WHERE tenant_id = ?", tenant);
    for (DimensionMask mask : RolledUpMasks()) {
      for (bool questions : {false, true}) {
        report.rollup_rows += s.Execute(
            absl::StrCat("INSERT INTO metric_rollups (tenant_id, series, dims, "
                         "key1, key2, day, score, count, revision) "
                         "SELECT ?, series, ?, key1, key2, day, score, n, ? FROM (",
                         RecountSql(mask, questions), ") AS recount"),
            {tenant, int64_t{mask}, row.revision, tenant});
      }
    }
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
    for (DimensionMask mask : RolledUpMasks()) {
      for (bool questions : {false, true}) {
        auto rs = s.Query(RecountSql(mask, questions), {tenant});
        while (rs->next()) {
          expected[{rs->getString("series").asStdString(), mask,
                    rs->getString("key1").asStdString(),
                    rs->getString("key2").asStdString(),
                    rs->getString("day").asStdString(), rs->getInt("score")}] =
              rs->getInt64("n");
        }
      }
    }
    auto rs = s.QueryArgs(
        "SELECT series, dims, key1, key2, day, score, count FROM metric_rollups "
        "WHERE tenant_id = ? AND count <> 0",
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

}  // namespace cx::metrics
