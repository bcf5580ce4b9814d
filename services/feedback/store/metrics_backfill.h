// Outbox events for responses stored before cx-feedback wrote them (installs
// older than cx-metrics), so metrics count every response. Safe to repeat:
// cx-metrics replaces the facts of a response it sees again.
#ifndef CX_SERVICES_FEEDBACK_STORE_METRICS_BACKFILL_H_
#define CX_SERVICES_FEEDBACK_STORE_METRICS_BACKFILL_H_

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "common/mysql/connection_pool.h"

namespace cx::feedback {

// Writes a ResponseRecorded outbox event for every stored response of
// `tenant` ("" for all tenants), 500 per transaction; `progress` is told the
// running count. Returns how many were written.
absl::StatusOr<int64_t> BackfillRecordedEvents(
    ConnectionPool& pool, const std::string& tenant, const Clock& clock,
    const std::function<void(int64_t)>& progress);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_METRICS_BACKFILL_H_
