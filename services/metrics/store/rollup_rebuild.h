// Rollups recomputed from facts: the repair path (`cxctl metrics rebuild`),
// the bulk-load path, and the recount that proves incremental rollups exact.
#ifndef CX_SERVICES_METRICS_STORE_ROLLUP_REBUILD_H_
#define CX_SERVICES_METRICS_STORE_ROLLUP_REBUILD_H_

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

// Starts keeping rollups of `series` by the pair of dimensions `mask`:
// registers the pair and fills it from facts, in one transaction under the
// tenant's lock. No-op when the pair is kept already.
absl::Status MaterializePairRollup(ConnectionPool& pool, const std::string& tenant,
                                   const std::string& series, DimensionMask mask,
                                   absl::Time now);

// Rollup rows (with a non-zero count) that differ from a recount of facts by
// SQL GROUP BY (code independent of the writer's), counting missing and
// surplus rows; 0 when rollups are exact.
absl::StatusOr<int64_t> CountRollupMismatches(ConnectionPool& pool,
                                              const std::string& tenant);

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_STORE_ROLLUP_REBUILD_H_
