// Reading one tenant's rows of a period, however many: keyset pages in
// (time, id) order along an index on (tenant_id, time), so each query's work
// is bounded by its page and a long period costs what it holds.
#ifndef CX_COMMON_MYSQL_TIME_RANGE_SCAN_H_
#define CX_COMMON_MYSQL_TIME_RANGE_SCAN_H_

#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/mysql/connection_pool.h"

namespace cx {

struct TimeRangeScan {
  // "SELECT id, body, <time_column> FROM t WHERE tenant_id = ?" (those
  // three columns, in that order) and any further conditions.
  std::string sql;
  std::vector<SqlValue> params;  // for `sql`'s placeholders
  std::string time_column;
  absl::Time from;    // inclusive
  absl::Time before;  // exclusive
  int page_size = 1000;
};

// Calls `visit` with the `body` of every row of the period, in (time, id)
// order, a page at a time after the page's query has returned its
// connection (so `visit` may use the pool itself); stops at the first error
// `visit` or the store returns.
absl::Status ScanTimeRange(
    ConnectionPool& pool, const TimeRangeScan& scan,
    absl::FunctionRef<absl::Status(const std::string& body)> visit);

}  // namespace cx

#endif  // CX_COMMON_MYSQL_TIME_RANGE_SCAN_H_
