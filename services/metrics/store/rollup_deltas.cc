#include "services/metrics/store/rollup_deltas.h"

#include <vector>

#include "common/mysql/placeholders.h"

namespace cx::metrics {

void RollupDeltas::AddTo(const Fact& fact, const std::string& series,
                         DimensionMask mask, int64_t sign) {
  auto [key1, key2] = KeysOf(fact.values, mask);
  deltas_[{series, mask, std::move(key1), std::move(key2), fact.day,
           fact.score}] += sign;
}

void RollupDeltas::Add(const Fact& fact, int64_t sign, const RollupSets& pairs) {
  for (const std::string& series : SeriesOf(fact)) {
    for (DimensionMask mask : AlwaysRolledUpMasks()) AddTo(fact, series, mask, sign);
    if (auto it = pairs.find(series); it != pairs.end()) {
      for (DimensionMask mask : it->second) AddTo(fact, series, mask, sign);
    }
  }
}

size_t RollupDeltas::Write(Session& s, const std::string& tenant,
                           int64_t revision) const {
  std::vector<std::pair<const Key*, int64_t>> changed;
  for (const auto& [key, delta] : deltas_) {
    if (delta != 0) changed.push_back({&key, delta});
  }
  // Upserts carry the revision, so readers can fetch what changed.
  InsertRows(s,
             "INSERT INTO metric_rollups (tenant_id, series, dims, key1, key2, "
             "day, score, count, revision) VALUES ",
             " ON DUPLICATE KEY UPDATE count = count + VALUES(count), "
             "revision = VALUES(revision)",
             9, changed,
             [&](const std::pair<const Key*, int64_t>& c, std::vector<SqlValue>* p) {
               const auto& [series, mask, key1, key2, day, score] = *c.first;
               p->insert(p->end(), {tenant, series, int64_t{mask}, key1, key2,
                                    SqlDate(day), int64_t{score}, c.second,
                                    revision});
             });
  return changed.size();
}

}  // namespace cx::metrics
