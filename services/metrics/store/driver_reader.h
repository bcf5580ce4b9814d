// Sums for key-driver analysis from facts: per driver question, over the
// responses that scored both it and the outcome (one join of facts on their
// response); or per segment, over the outcome scores in it.
#ifndef CX_SERVICES_METRICS_STORE_DRIVER_READER_H_
#define CX_SERVICES_METRICS_STORE_DRIVER_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/mysql/connection_pool.h"
#include "services/metrics/domain/drivers.h"
#include "services/metrics/domain/metric_query.h"

namespace cx::metrics {

struct DriverQuery {
  // The outcome: a type series ("nps", "csat", ...) or a question series.
  std::string outcome_series;
  std::vector<std::string> driver_questions;  // empty: all
  DayNumber first = 0, last = 0;
  std::vector<DimensionCondition> conditions;
  // Index into kDimensions when the drivers are that dimension's values.
  int segment_dimension = -1;
};

struct DriverData {
  int64_t outcome_n = 0;
  std::vector<PairedSums> drivers;   // question drivers
  std::vector<SegmentSums> segments; // segment drivers
};

class DriverReader {
 public:
  explicit DriverReader(ConnectionPool* pool) : pool_(pool) {}
  absl::StatusOr<DriverData> Read(const std::string& tenant,
                                  const DriverQuery& query);

 private:
  ConnectionPool* pool_;
};

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_STORE_DRIVER_READER_H_
