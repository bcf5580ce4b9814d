#include "services/metrics/store/facts.h"

#include "absl/time/civil_time.h"
#include "common/mysql/sql_time.h"
#include "common/proto_time.h"

namespace cx::metrics {

std::vector<Fact> FactsOf(const v1::Observation& observation,
                          const absl::TimeZone& zone) {
  const std::string survey = SurveyOf(observation.source());
  Fact base;
  base.source = observation.source();
  base.observe_time = FromProto(observation.time());
  base.day = LocalDay(base.observe_time, zone);
  base.values = ValuesOf(observation, survey);
  std::vector<Fact> facts;
  facts.reserve(observation.scores_size() + 1);
  for (const v1::ObservedScore& s : observation.scores()) {
    Fact f = base;
    f.question = s.question();
    f.type_series = TypeSeries(s.kind(), observation.employee());
    f.score = s.score();
    facts.push_back(std::move(f));
  }
  base.type_series = kVolumeSeries;
  facts.push_back(std::move(base));
  return facts;
}

std::vector<std::string> SeriesOf(const Fact& fact) {
  std::vector<std::string> series;
  if (!fact.type_series.empty()) series.push_back(fact.type_series);
  if (!fact.question.empty()) series.push_back(QuestionSeries(fact.question));
  return series;
}

const std::vector<DimensionMask>& AlwaysRolledUpMasks() {
  static const std::vector<DimensionMask> masks = [] {
    std::vector<DimensionMask> m = {0};
    for (int i = 0; i < kDimensionCount; ++i) m.push_back(1u << i);
    return m;
  }();
  return masks;
}

RollupSets ReadRollupSets(Session& s, const std::string& tenant,
                          bool ready_only) {
  RollupSets sets;
  auto rs = s.QueryArgs(
      "SELECT series, dims FROM metric_rollup_sets WHERE tenant_id = ? "
      "AND ready >= ?",
      tenant, ready_only ? 1 : 0);
  while (rs->next()) {
    sets[rs->getString("series").asStdString()].push_back(
        static_cast<DimensionMask>(rs->getInt("dims")));
  }
  return sets;
}

std::pair<std::string, std::string> KeysOf(const DimensionValues& values,
                                           DimensionMask mask) {
  std::pair<std::string, std::string> keys;
  int found = 0;
  for (int i = 0; i < kDimensionCount && found < 2; ++i) {
    if (!(mask & (1u << i))) continue;
    (found++ == 0 ? keys.first : keys.second) = values[i];
  }
  return keys;
}

const char* DimensionColumn(int index) {
  static constexpr const char* kColumns[kDimensionCount] = {
      "channel", "touchpoint", "team", "agent", "survey"};
  return kColumns[index];
}

std::string SqlDate(DayNumber day) {
  return absl::FormatCivilTime(ToCivilDay(day));
}

Fact ReadFact(const sql::ResultSet& rs) {
  Fact f;
  f.source = rs.getString("source").asStdString();
  f.question = rs.getString("question").asStdString();
  f.type_series = rs.getString("type_series").asStdString();
  f.day = rs.getInt("day_number");
  f.observe_time = FromSqlDatetime(rs.getString("observe_time").asStdString());
  f.score = rs.getInt("score");
  for (int i = 0; i < kDimensionCount; ++i) {
    f.values[i] = rs.getString(DimensionColumn(i)).asStdString();
  }
  return f;
}

}  // namespace cx::metrics
