// Applies metric events in one transaction per call: facts replaced or
// removed, rollups adjusted by the difference, event ids remembered so a
// redelivered event changes nothing.
#ifndef CX_SERVICES_METRICS_STORE_OBSERVATION_WRITER_H_
#define CX_SERVICES_METRICS_STORE_OBSERVATION_WRITER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "common/mysql/connection_pool.h"
#include "cx/metrics/v1/observation.pb.h"

namespace cx::metrics {

struct RecordCounts {
  int recorded = 0;
  int duplicates = 0;
};

class ObservationWriter {
 public:
  explicit ObservationWriter(ConnectionPool* pool) : pool_(pool) {}

  // `events` must be validated (metrics_validation.h). Returns after commit.
  absl::StatusOr<RecordCounts> Record(const std::string& tenant,
                                      const google::protobuf::RepeatedPtrField<v1::MetricEvent>& events,
                                      absl::Time now);

 private:
  ConnectionPool* pool_;
};

// Takes the tenant's write lock for the current transaction and bumps its
// revision (creating the tenant row on first use); returns the new revision
// and the tenant's time zone name. Every write to facts or rollups starts
// with this.
struct TenantRevision {
  int64_t revision = 0;
  std::string time_zone;
};
TenantRevision LockTenant(Session& session, const std::string& tenant);

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_STORE_OBSERVATION_WRITER_H_
