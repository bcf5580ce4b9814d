// Changes to a tenant's rollup rows, accumulated in memory from facts added
// and removed, then written in multi-row upserts. The one place that decides
// which rollup rows a fact counts in (writer and rebuild share it).
#ifndef CX_SERVICES_METRICS_STORE_ROLLUP_DELTAS_H_
#define CX_SERVICES_METRICS_STORE_ROLLUP_DELTAS_H_

#include <string>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "common/mysql/session.h"
#include "services/metrics/store/facts.h"

namespace cx::metrics {

class RollupDeltas {
 public:
  // Counts `fact` (sign +1) or uncounts it (-1) in its series by no
  // dimension, by each dimension, and by the pairs `pairs` keeps.
  void Add(const Fact& fact, int64_t sign, const RollupSets& pairs);
  // Counts `fact` in one series and dimension set only.
  void AddTo(const Fact& fact, const std::string& series, DimensionMask mask,
             int64_t sign);

  // Adds the non-zero changes to metric_rollups, stamped with `revision`;
  // returns the rows written.
  size_t Write(Session& session, const std::string& tenant,
               int64_t revision) const;

 private:
  using Key = std::tuple<std::string, DimensionMask, std::string, std::string,
                         DayNumber, int>;
  absl::flat_hash_map<Key, int64_t> deltas_;
};

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_STORE_ROLLUP_DELTAS_H_
