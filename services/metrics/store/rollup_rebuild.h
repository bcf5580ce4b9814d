// Rollups recomputed from facts: the repair path (`cxctl metrics rebuild`),
// the bulk-load path, and the recount that proves incremental rollups exact.
#ifndef CX_SERVICES_METRICS_STORE_ROLLUP_REBUILD_H_
#define CX_SERVICES_METRICS_STORE_ROLLUP_REBUILD_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/mysql/connection_pool.h"
#include "services/metrics/domain/series.h"

namespace cx::metrics {

struct RebuildReport {
  std::string tenant;
  int64_t facts_rebucketed = 0;  // facts whose local day changed
  int64_t rollup_rows = 0;
};

// Every tenant with metrics.
absl::StatusOr<std::vector<std::string>> MetricTenants(ConnectionPool& pool);

// Replaces the tenant's rollups by a count of its facts, in one transaction
// under the tenant's write lock (writers wait; the relay backs off). With
// `rebucket_days`, each fact's day is first recomputed in the tenant's
// current time zone (after a zone change).
absl::StatusOr<RebuildReport> RebuildRollups(ConnectionPool& pool,
                                             const std::string& tenant,
                                             bool rebucket_days);

// Starts keeping rollups of `series` by the pair of dimensions `mask`,
// holding the tenant's write lock only briefly: registers the pair (writers
// maintain it from then on) and takes a snapshot in one short transaction,
// counts the facts of the snapshot without a lock, then adds the counts and
// marks the pair ready. No-op when the pair is kept or being built (unless
// its build is older than the lease). `after_registration` is a test seam.
absl::Status MaterializePairRollup(
    ConnectionPool& pool, const std::string& tenant, const std::string& series,
    DimensionMask mask, absl::Time now,
    const std::function<void()>& after_registration = nullptr);

// Rollup rows (with a non-zero count) that differ from a recount of facts by
// SQL GROUP BY (code independent of the writer's), counting missing and
// surplus rows; 0 when rollups are exact.
absl::StatusOr<int64_t> CountRollupMismatches(ConnectionPool& pool,
                                              const std::string& tenant);

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_STORE_ROLLUP_REBUILD_H_
