#include "common/mysql/time_range_scan.h"

#include "absl/strings/str_cat.h"
#include "common/mysql/sql_time.h"
#include "common/status/status_macros.h"

namespace cx {

absl::Status ScanTimeRange(
    ConnectionPool& pool, const TimeRangeScan& scan,
    absl::FunctionRef<absl::Status(const sql::ResultSet&)> read) {
  const std::string& t = scan.time_column;
  // After the last row read: a later time, or the same time and a later id.
  const std::string sql =
      absl::StrCat(scan.sql, " AND ", t, " >= ? AND ", t, " < ? AND (", t,
                   " > ? OR id > ?) ORDER BY ", t, ", id LIMIT ?");
  std::string last_time = ToSqlDatetime(scan.from);
  std::string last_id;  // empty: nothing read yet
  while (true) {
    std::vector<SqlValue> params = scan.params;
    params.insert(params.end(), {last_time, ToSqlDatetime(scan.before),
                                 last_time, last_id,
                                 static_cast<int64_t>(scan.page_size)});
    int rows = 0;
    RETURN_IF_ERROR(pool.Run([&](Session& s) -> absl::Status {
      auto rs = s.Query(sql, params);
      while (rs->next()) {
        ++rows;
        RETURN_IF_ERROR(read(*rs));
        last_time = rs->getString(t).asStdString();
        last_id = rs->getString("id").asStdString();
      }
      return absl::OkStatus();
    }));
    if (rows < scan.page_size) return absl::OkStatus();
  }
}

}  // namespace cx
