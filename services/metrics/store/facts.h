// A fact is one response's score in one series (or its volume row), with the
// dimension values rollups are keyed by; helpers shared by the writer, the
// reader and the rebuild.
#ifndef CX_SERVICES_METRICS_STORE_FACTS_H_
#define CX_SERVICES_METRICS_STORE_FACTS_H_

#include <cppconn/resultset.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "absl/time/time.h"
#include "common/mysql/session.h"
#include "services/metrics/domain/calendar.h"
#include "services/metrics/domain/series.h"

namespace cx::metrics {

struct Fact {
  std::string source;
  std::string question;     // "" for the volume row
  std::string type_series;  // nps, enps, csat, ces, volume; "" for ratings
  DayNumber day = 0;
  absl::Time observe_time;
  int score = 0;
  DimensionValues values;
};

// The facts of an observation: one per scored answer plus its volume row.
std::vector<Fact> FactsOf(const v1::Observation& observation,
                          const absl::TimeZone& zone);

// The series a fact counts in (its type series and its question's series).
std::vector<std::string> SeriesOf(const Fact& fact);

// The dimension sets rollups are always kept for: the empty set and each
// single dimension. Pairs are kept per series once asked for
// (metric_rollup_sets).
const std::vector<DimensionMask>& AlwaysRolledUpMasks();

// Pair rollups a tenant keeps: series -> masks.
using RollupSets = std::map<std::string, std::vector<DimensionMask>>;
// Reads them (inside the caller's transaction or autocommit): those ready
// for queries, or also those being built (which writers maintain too).
RollupSets ReadRollupSets(Session& session, const std::string& tenant,
                          bool ready_only);

// key1/key2 of `values` for `mask`: its first and second dimension's values.
std::pair<std::string, std::string> KeysOf(const DimensionValues& values,
                                           DimensionMask mask);

// Column of metric_facts holding dimension `index` (of kDimensions).
const char* DimensionColumn(int index);

// DATE text for SQL, and the expression that reads a DATE as a DayNumber.
std::string SqlDate(DayNumber day);
inline constexpr char kDayNumberSql[] = "(TO_DAYS(day) - 719528)";

// The columns SELECT kFactColumns returns, read back into a Fact.
inline constexpr char kFactColumns[] =
    "source, question, type_series, (TO_DAYS(day) - 719528) AS day_number, "
    "observe_time, score, channel, touchpoint, team, agent, survey";
Fact ReadFact(const sql::ResultSet& rs);

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_STORE_FACTS_H_
