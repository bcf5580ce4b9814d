// Answers metric queries from rollups held in memory, kept exact across
// replicas: each query reads the tenant's revision (one primary-key read)
// and fetches only the rollup rows changed since the cached one. A query on
// a pair of dimensions whose rollups are not kept yet is answered from facts
// (grouped in SQL) and asks for the pair to be kept; on three or more
// dimensions it is always answered from facts.
#ifndef CX_SERVICES_METRICS_STORE_ROLLUP_READER_H_
#define CX_SERVICES_METRICS_STORE_ROLLUP_READER_H_

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "common/mysql/connection_pool.h"
#include "services/metrics/domain/metric_query.h"
#include "services/metrics/domain/rollup_cube.h"

namespace cx::metrics {

struct QuestionInfo {
  v1::ScoreKind kind = v1::SCORE_KIND_UNSPECIFIED;
  ScoreScale scale;
};

class RollupReader {
 public:
  // Asked to start keeping rollups of a series by a pair of dimensions
  // (asynchronously, or at once in tests).
  using PairRequest = std::function<void(const std::string& tenant,
                                         const std::string& series,
                                         DimensionMask mask)>;

  // Cached day buckets are capped at `max_buckets` (about 100 bytes each);
  // past it, other tenants' caches are dropped.
  // Queries answered from facts may group at most `max_fact_scan`
  // observations (a query on a pair not kept yet gets UNAVAILABLE with retry
  // info past it; on three dimensions FAILED_PRECONDITION).
  RollupReader(ConnectionPool* pool, size_t max_buckets, PairRequest request_pair,
               int64_t max_fact_scan = kDefaultMaxFactScan)
      : pool_(pool),
        max_buckets_(max_buckets),
        request_pair_(std::move(request_pair)),
        max_fact_scan_(max_fact_scan) {}

  static constexpr int64_t kDefaultMaxFactScan = 250'000;

  absl::StatusOr<v1::QueryMetricResponse> Query(const std::string& tenant,
                                                const MetricQuery& query,
                                                const std::string& time_zone);

  // A question seen in observations, or nullopt.
  absl::StatusOr<std::optional<QuestionInfo>> Question(
      const std::string& tenant, const std::string& question);

  // For tests and the bench: the same answer computed from facts in SQL.
  absl::StatusOr<v1::QueryMetricResponse> QueryFacts(
      const std::string& tenant, const MetricQuery& query,
      const std::string& time_zone);

  size_t cached_buckets() const;

 private:
  struct TenantCache {
    std::mutex mu;
    int64_t revision = -1;
    int64_t generation = -1;
    std::map<std::pair<std::string, DimensionMask>, RollupCube> cubes;
    // Pair rollups the tenant keeps (read when its revision changes).
    std::set<std::pair<std::string, DimensionMask>> pairs;
    // Read without `mu` by cached_buckets().
    std::atomic<size_t> buckets{0};
  };

  std::shared_ptr<TenantCache> CacheOf(const std::string& tenant);
  absl::Status Refresh(const std::string& tenant, TenantCache& cache);
  absl::StatusOr<RollupCube*> Cube(const std::string& tenant,
                                   TenantCache& cache,
                                   const MetricQuery& query);
  void Trim(const std::string& keep);
  // Observations of the query's series in its interval (an upper bound for
  // the filtered ones), from the always-kept rollups.
  absl::StatusOr<int64_t> FactsIn(const std::string& tenant, TenantCache& cache,
                                  const MetricQuery& query);

  ConnectionPool* pool_;
  const size_t max_buckets_;
  const PairRequest request_pair_;
  const int64_t max_fact_scan_;
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<TenantCache>> tenants_;
};

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_STORE_ROLLUP_READER_H_
