#include "services/metrics/store/driver_reader.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/mysql/placeholders.h"
#include "services/metrics/store/facts.h"

namespace cx::metrics {

absl::StatusOr<DriverData> DriverReader::Read(const std::string& tenant,
                                              const DriverQuery& query) {
  // WHERE on the outcome fact `o`: its series, period and dimension filters.
  const bool by_question = absl::StartsWith(query.outcome_series, "q:");
  std::string where = absl::StrCat(
      "o.tenant_id = ? AND o.", by_question ? "question" : "type_series",
      " = ? AND o.day BETWEEN ? AND ?");
  std::vector<SqlValue> params = {
      tenant, by_question ? query.outcome_series.substr(2) : query.outcome_series,
      SqlDate(query.first), SqlDate(query.last)};
  for (const DimensionCondition& c : query.conditions) {
    absl::StrAppend(&where, " AND o.", DimensionColumn(c.dimension), " IN (",
                    Placeholders(c.values.size()), ")");
    for (const std::string& v : c.values) params.push_back(v);
  }
  std::vector<SqlValue> outcome_params = params;
  std::string driver_filter;
  if (!query.driver_questions.empty()) {
    driver_filter = absl::StrCat(" AND d.question IN (",
                                 Placeholders(query.driver_questions.size()), ")");
    for (const std::string& q : query.driver_questions) params.push_back(q);
  }
  DriverData data;
  const absl::Status status = pool_->Run([&](Session& s) -> absl::Status {
    auto n = s.Query("SELECT COUNT(*) FROM metric_facts o WHERE " + where,
                     outcome_params);
    if (n->next()) data.outcome_n = n->getInt64(1);
    if (query.segment_dimension >= 0) {
      const std::string column = DimensionColumn(query.segment_dimension);
      auto rs = s.Query(absl::StrCat("SELECT o.", column, " AS segment, COUNT(*) AS n, "
                                     "SUM(o.score) AS sy, SUM(o.score * o.score) AS syy "
                                     "FROM metric_facts o WHERE ", where,
                                     " GROUP BY o.", column),
                        outcome_params);
      while (rs->next()) {
        // Connector/C++ reads DOUBLE as long double.
        data.segments.push_back({rs->getString("segment").asStdString(),
                                 rs->getInt64("n"),
                                 static_cast<double>(rs->getDouble("sy")),
                                 static_cast<double>(rs->getDouble("syy"))});
      }
      return absl::OkStatus();
    }
    auto rs = s.Query(
        "SELECT d.question, q.scale_min, q.scale_max, COUNT(*) AS n, "
        "SUM(d.score) AS sx, SUM(o.score) AS sy, SUM(d.score * d.score) AS sxx, "
        "SUM(o.score * o.score) AS syy, SUM(d.score * o.score) AS sxy "
        "FROM metric_facts o JOIN metric_facts d ON d.tenant_id = o.tenant_id "
        "AND d.source = o.source AND d.question <> '' AND d.question <> o.question "
        "JOIN metric_questions q ON q.tenant_id = d.tenant_id "
        "AND q.question = d.question WHERE " + where + driver_filter +
            " GROUP BY d.question, q.scale_min, q.scale_max",
        params);
    while (rs->next()) {
      PairedSums p;
      p.question = rs->getString("question").asStdString();
      p.scale = {rs->getInt("scale_min"), rs->getInt("scale_max")};
      p.n = rs->getInt64("n");
      p.sx = rs->getDouble("sx"), p.sy = rs->getDouble("sy");
      p.sxx = rs->getDouble("sxx"), p.syy = rs->getDouble("syy");
      p.sxy = rs->getDouble("sxy");
      data.drivers.push_back(std::move(p));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return data;
}

}  // namespace cx::metrics
