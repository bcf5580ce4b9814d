#include "services/metrics/store/revenue_store.h"

#include "absl/strings/str_cat.h"
#include "common/mysql/sql_time.h"
#include "common/status/errors.h"
#include "services/metrics/domain/calendar.h"
#include "services/metrics/store/facts.h"

namespace cx::metrics {

absl::Status RevenueStore::Record(const std::string& tenant,
                                  const std::string& account,
                                  absl::CivilMonth month, int64_t mrr_minor,
                                  const std::string& currency_code,
                                  absl::Time now) {
  return pool_->Transact([&](Session& s) -> absl::Status {
    s.ExecuteArgs(
        "INSERT INTO metric_tenants (tenant_id, revision) VALUES (?, 0) "
        "ON DUPLICATE KEY UPDATE tenant_id = tenant_id",
        tenant);
    auto rs = s.QueryArgs(
        "SELECT currency_code FROM metric_tenants WHERE tenant_id = ? FOR UPDATE",
        tenant);
    std::string currency = rs->next() ? rs->getString(1).asStdString() : "";
    if (currency.empty()) {
      s.ExecuteArgs(
          "UPDATE metric_tenants SET currency_code = ? WHERE tenant_id = ?",
          currency_code, tenant);
    } else if (currency != currency_code) {
      return InvalidField("revenue.currency_code",
                          absl::StrCat("this tenant records revenue in ",
                                       currency, ", not ", currency_code));
    }
    s.ExecuteArgs(
        "INSERT INTO account_revenue (tenant_id, account, month, mrr_minor, "
        "update_time) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
        "mrr_minor = VALUES(mrr_minor), update_time = VALUES(update_time)",
        tenant, account, SqlDate(ToDayNumber(absl::CivilDay(month))), mrr_minor,
        ToSqlDatetime(now));
    return absl::OkStatus();
  });
}

absl::StatusOr<RevenueStore::Ledger> RevenueStore::Load(
    const std::string& tenant, absl::CivilMonth last) {
  Ledger out;
  const absl::Status status = pool_->Run([&](Session& s) -> absl::Status {
    auto currency = s.QueryArgs(
        "SELECT currency_code FROM metric_tenants WHERE tenant_id = ?", tenant);
    if (currency->next()) out.currency_code = currency->getString(1).asStdString();
    auto rs = s.QueryArgs(
        "SELECT account, (TO_DAYS(month) - 719528) AS day_number, mrr_minor "
        "FROM account_revenue WHERE tenant_id = ? AND month <= ?",
        tenant, SqlDate(ToDayNumber(absl::CivilDay(last))));
    while (rs->next()) {
      out.ledger.Set(rs->getString("account").asStdString(),
                     absl::CivilMonth(ToCivilDay(rs->getInt("day_number"))),
                     rs->getInt64("mrr_minor"));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return out;
}

}  // namespace cx::metrics
