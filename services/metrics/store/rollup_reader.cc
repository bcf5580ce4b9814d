#include "services/metrics/store/rollup_reader.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "services/metrics/store/facts.h"

namespace cx::metrics {

std::shared_ptr<RollupReader::TenantCache> RollupReader::CacheOf(
    const std::string& tenant) {
  std::lock_guard<std::mutex> lock(mu_);
  std::shared_ptr<TenantCache>& cache = tenants_[tenant];
  if (!cache) cache = std::make_shared<TenantCache>();
  return cache;
}

size_t RollupReader::cached_buckets() const {
  std::lock_guard<std::mutex> lock(mu_);
  size_t total = 0;
  for (const auto& [tenant, cache] : tenants_) total += cache->buckets;
  return total;
}

absl::Status RollupReader::Refresh(const std::string& tenant,
                                   TenantCache& cache) {
  return pool_->Run([&](Session& s) -> absl::Status {
    auto rs = s.QueryArgs(
        "SELECT revision, generation FROM metric_tenants WHERE tenant_id = ?",
        tenant);
    if (!rs->next()) return absl::OkStatus();  // nothing recorded yet
    const int64_t revision = rs->getInt64("revision");
    const int64_t generation = rs->getInt64("generation");
    if (generation != cache.generation) {
      cache.cubes.clear();
      cache.buckets = 0;
      cache.generation = generation;
    }
    if (revision != cache.revision) {
      cache.pairs.clear();
      for (const auto& [series, masks] : ReadRollupSets(s, tenant, /*ready_only=*/true)) {
        for (DimensionMask mask : masks) cache.pairs.insert({series, mask});
      }
    }
    if (revision != cache.revision && !cache.cubes.empty()) {
      // Rows carry totals, so rows newer than `revision` read here are
      // simply applied again next time: no ordering subtleties.
      auto changed = s.Query(
          std::string("SELECT series, dims, key1, key2, ") + kDayNumberSql +
              " AS day_number, score, count FROM metric_rollups "
              "WHERE tenant_id = ? AND revision > ?",
          {tenant, cache.revision});
      while (changed->next()) {
        auto it = cache.cubes.find(
            {changed->getString("series").asStdString(),
             static_cast<DimensionMask>(changed->getInt("dims"))});
        if (it == cache.cubes.end()) continue;
        const size_t before = it->second.bucket_count();
        it->second.Set(changed->getString("key1").asStdString(),
                       changed->getString("key2").asStdString(),
                       changed->getInt("day_number"), changed->getInt("score"),
                       changed->getInt64("count"));
        cache.buckets += it->second.bucket_count() - before;
      }
    }
    cache.revision = revision;
    return absl::OkStatus();
  });
}

absl::StatusOr<RollupCube*> RollupReader::Cube(const std::string& tenant,
                                               TenantCache& cache,
                                               const MetricQuery& query) {
  const std::pair<std::string, DimensionMask> key{query.series, query.mask()};
  auto it = cache.cubes.find(key);
  if (it != cache.cubes.end()) return &it->second;
  RollupCube cube(query.mask(), query.scale);
  const absl::Status status = pool_->Run([&](Session& s) -> absl::Status {
    auto rs = s.Query(std::string("SELECT key1, key2, ") + kDayNumberSql +
                          " AS day_number, score, count FROM metric_rollups "
                          "WHERE tenant_id = ? AND series = ? AND dims = ?",
                      {tenant, query.series, int64_t{query.mask()}});
    while (rs->next()) {
      cube.Set(rs->getString("key1").asStdString(),
               rs->getString("key2").asStdString(), rs->getInt("day_number"),
               rs->getInt("score"), rs->getInt64("count"));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  cache.buckets += cube.bucket_count();
  return &cache.cubes.emplace(key, std::move(cube)).first->second;
}

void RollupReader::Trim(const std::string& keep) {
  if (cached_buckets() <= max_buckets_) return;
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = tenants_.begin(); it != tenants_.end();) {
    it = it->first == keep ? std::next(it) : tenants_.erase(it);
  }
}

absl::StatusOr<int64_t> RollupReader::FactsIn(const std::string& tenant,
                                               TenantCache& cache,
                                               const MetricQuery& query) {
  MetricQuery all = query;
  all.group_by.clear();
  all.conditions.clear();
  all.granularity = v1::GRANULARITY_TOTAL;
  absl::StatusOr<RollupCube*> cube = Cube(tenant, cache, all);
  if (!cube.ok()) return cube.status();
  MetricAggregator aggregator(all);
  (*cube)->AggregateInto(aggregator);
  return aggregator.Finish("").series(0).total().n();
}

absl::StatusOr<v1::QueryMetricResponse> RollupReader::Query(
    const std::string& tenant, const MetricQuery& query,
    const std::string& time_zone) {
  const int dimensions = PopCount(query.mask());
  std::shared_ptr<TenantCache> cache = CacheOf(tenant);
  v1::QueryMetricResponse response;
  bool from_facts = false;
  {
    std::lock_guard<std::mutex> lock(cache->mu);
    if (absl::Status s = Refresh(tenant, *cache); !s.ok()) return s;
    const bool pair_missing =
        dimensions == 2 && !cache->pairs.contains({query.series, query.mask()});
    if (dimensions > kMaxRolledUpDimensions || pair_missing) {
      if (pair_missing && request_pair_) {
        request_pair_(tenant, query.series, query.mask());
      }
      // Grouping facts in SQL takes seconds per million: refuse what would
      // not finish in time rather than time out holding a connection.
      absl::StatusOr<int64_t> facts = FactsIn(tenant, *cache, query);
      if (!facts.ok()) return facts.status();
      if (*facts > max_fact_scan_) {
        if (pair_missing) {
          return Unavailable(
              absl::StrCat("rollups by these two dimensions are being prepared "
                           "for this tenant (", *facts,
                           " observations in the interval); retry shortly"),
              absl::Seconds(15));
        }
        return FailedPrecondition(
            "TOO_MANY_DIMENSIONS_FOR_VOLUME", "group_by",
            absl::StrCat("three or more dimensions are answered from single "
                         "responses, and this interval has ", *facts,
                         " (at most ", max_fact_scan_,
                         "): use at most two dimensions, or a shorter interval"));
      }
      from_facts = true;
    } else {
      absl::StatusOr<RollupCube*> cube = Cube(tenant, *cache, query);
      if (!cube.ok()) return cube.status();
      MetricAggregator aggregator(query);
      (*cube)->AggregateInto(aggregator);
      response = aggregator.Finish(time_zone);
    }
  }
  Trim(tenant);
  // Outside the tenant's cache lock: a facts query takes a while.
  if (from_facts) return QueryFacts(tenant, query, time_zone);
  return response;
}

absl::StatusOr<v1::QueryMetricResponse> RollupReader::QueryFacts(
    const std::string& tenant, const MetricQuery& query,
    const std::string& time_zone) {
  const DimensionMask mask = query.mask();
  std::string columns;
  for (int i = 0; i < kDimensionCount; ++i) {
    if (mask & (1u << i)) absl::StrAppend(&columns, DimensionColumn(i), ", ");
  }
  const bool by_question = absl::StartsWith(query.series, "q:");
  const std::string series_filter =
      by_question ? "question = ?" : "type_series = ?";
  const std::string series_value =
      by_question ? query.series.substr(2) : query.series;
  const std::string sql = absl::StrCat(
      "SELECT ", columns, kDayNumberSql,
      " AS day_number, score, COUNT(*) AS n FROM metric_facts "
      "WHERE tenant_id = ? AND ", series_filter,
      " AND day BETWEEN ? AND ? GROUP BY ", columns, "day, score");
  MetricAggregator aggregator(query);
  const int dims = PopCount(mask);
  const absl::Status status = pool_->Run([&](Session& s) -> absl::Status {
    auto rs = s.Query(sql, {tenant, series_value, SqlDate(query.first),
                            SqlDate(query.last)});
    std::vector<std::string> values(dims);
    std::vector<absl::string_view> views(dims);
    while (rs->next()) {
      for (int i = 0; i < dims; ++i) {
        values[i] = rs->getString(i + 1).asStdString();
        views[i] = values[i];
      }
      int64_t* group = aggregator.GroupFor(views);
      if (group == nullptr) continue;
      aggregator.AddScore(group, rs->getInt("day_number"), rs->getInt("score"),
                          rs->getInt64("n"));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return aggregator.Finish(time_zone);
}

absl::StatusOr<std::optional<QuestionInfo>> RollupReader::Question(
    const std::string& tenant, const std::string& question) {
  std::optional<QuestionInfo> info;
  const absl::Status status = pool_->Run([&](Session& s) -> absl::Status {
    auto rs = s.QueryArgs(
        "SELECT kind, scale_min, scale_max FROM metric_questions "
        "WHERE tenant_id = ? AND question = ?",
        tenant, question);
    if (rs->next()) {
      info = QuestionInfo{static_cast<v1::ScoreKind>(rs->getInt("kind")),
                          {rs->getInt("scale_min"), rs->getInt("scale_max")}};
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return info;
}

}  // namespace cx::metrics
