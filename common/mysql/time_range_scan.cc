#include "common/mysql/time_range_scan.h"

#include "absl/strings/str_cat.h"
#include "common/mysql/sql_time.h"
#include "common/status/status_macros.h"

namespace cx {

absl::Status ScanTimeRange(
    ConnectionPool& pool, const TimeRangeScan& scan,
    absl::FunctionRef<absl::Status(const std::string& body)> visit) {
  const std::string& t = scan.time_column;
  // After the last row read: a later time, or the same time and a later id.
  const std::string sql =
      absl::StrCat(scan.sql, " AND ", t, " >= ? AND ", t, " < ? AND (", t,
                   " > ? OR id > ?) ORDER BY ", t, ", id LIMIT ?");
  std::string last_time = ToSqlDatetime(scan.from);
  std::string last_id;  // empty: nothing read yet
  std::vector<std::string> bodies;
  while (true) {
    std::vector<SqlValue> params = scan.params;
    params.insert(params.end(), {last_time, ToSqlDatetime(scan.before),
                                 last_time, last_id,
                                 static_cast<int64_t>(scan.page_size)});
    bodies.clear();
    RETURN_IF_ERROR(pool.Run([&](Session& s) -> absl::Status {
      auto rs = s.Query(sql, params);
      while (rs->next()) {
        // By position (1: id, 2: body, 3: time), not name: a lookup by
        // name folds the name's case on every call.
        bodies.push_back(rs->getString(2).asStdString());
        // Only a full page's last row starts another page (formatting a
        // DATETIME as text for every row cost more than the row itself).
        if (static_cast<int>(bodies.size()) == scan.page_size) {
          last_time = rs->getString(3).asStdString();
          last_id = rs->getString(1).asStdString();
        }
      }
      return absl::OkStatus();
    }));
    for (const std::string& body : bodies) RETURN_IF_ERROR(visit(body));
    if (static_cast<int>(bodies.size()) < scan.page_size) {
      return absl::OkStatus();
    }
  }
}

}  // namespace cx
