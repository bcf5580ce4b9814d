// The `topics` and `keywords` columns (migrations 0008, 0009) for responses
// stored before they existed, so ListResponses' topic and keyword filters
// find them too. Safe to repeat: only rows with an empty column are read
// and written.
#ifndef CX_SERVICES_FEEDBACK_STORE_TOPICS_BACKFILL_H_
#define CX_SERVICES_FEEDBACK_STORE_TOPICS_BACKFILL_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "common/mysql/connection_pool.h"

namespace cx::feedback {

// Fills the columns from each stored body (TopicColumn, KeywordColumn) for
// `tenant` ("" for every tenant), 500 responses per transaction; `progress`
// is told how many were read so far. Returns how many rows were written
// (responses without comments keep "").
absl::StatusOr<int64_t> BackfillCommentColumns(
    ConnectionPool& pool, const std::string& tenant,
    const std::function<void(int64_t)>& progress);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_TOPICS_BACKFILL_H_
