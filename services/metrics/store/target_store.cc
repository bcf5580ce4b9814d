#include "services/metrics/store/target_store.h"

#include "common/mysql/sql_time.h"
#include "common/status/errors.h"
#include "services/metrics/store/facts.h"

namespace cx::metrics {

absl::Status TargetStore::Put(const std::string& tenant, const std::string& id,
                              const v1::Target& target, DayNumber first,
                              DayNumber last, absl::Time now) {
  return pool_->Run([&](Session& s) -> absl::Status {
    s.ExecuteArgs(
        "INSERT INTO metric_targets (tenant_id, id, start_date, end_date, body, "
        "update_time) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
        "start_date = VALUES(start_date), end_date = VALUES(end_date), "
        "body = VALUES(body), update_time = VALUES(update_time)",
        tenant, id, SqlDate(first), SqlDate(last), target.SerializeAsString(),
        ToSqlDatetime(now));
    return absl::OkStatus();
  });
}

absl::Status TargetStore::Delete(const std::string& tenant,
                                 const std::string& id) {
  int deleted = 0;
  const absl::Status status = pool_->Run([&](Session& s) -> absl::Status {
    deleted = s.ExecuteArgs(
        "DELETE FROM metric_targets WHERE tenant_id = ? AND id = ?", tenant, id);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (deleted == 0) return NotFound("cx.metrics.v1.Target", "targets/" + id);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<v1::Target>> TargetStore::List(
    const std::string& tenant, std::optional<DayNumber> day) {
  std::vector<v1::Target> targets;
  const absl::Status status = pool_->Run([&](Session& s) -> absl::Status {
    std::string sql = "SELECT body FROM metric_targets WHERE tenant_id = ?";
    std::vector<SqlValue> params = {tenant};
    if (day) {
      sql += " AND start_date <= ? AND end_date >= ?";
      params.push_back(SqlDate(*day));
      params.push_back(SqlDate(*day));
    }
    auto rs = s.Query(sql + " ORDER BY start_date, id", params);
    while (rs->next()) {
      v1::Target t;
      if (!t.ParseFromString(GetBytes(*rs, "body"))) {
        return absl::DataLossError("stored target cannot be parsed");
      }
      targets.push_back(std::move(t));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return targets;
}

}  // namespace cx::metrics
