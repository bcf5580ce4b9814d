#include "services/feedback/store/mysql_erasure_store.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/mysql/placeholders.h"
#include "common/mysql/sql_time.h"
#include "cx/feedback/v1/events.pb.h"
#include "services/feedback/domain/response_events.h"
#include "services/feedback/store/resource_names.h"

namespace cx::feedback {

absl::StatusOr<ErasureCounts> MysqlErasureStore::EraseCustomer(
    const std::string& tenant, const std::string& customer_id,
    const std::string& event_id, absl::Time now) {
  ErasureCounts counts;
  const absl::Status status = pool_->Transact([&](Session& s) {
    counts = ErasureCounts();
    v1::CustomerErased event;
    event.set_customer_id(customer_id);
    *event.mutable_erase_time() = ToProto(now);
    // Lock the customer's rows first, so a response arriving meanwhile is
    // either erased too or stored after the erasure, never half of each.
    auto rs = s.QueryArgs(
        "SELECT survey_id, id FROM responses "
        "WHERE tenant_id = ? AND customer_id = ? FOR UPDATE",
        tenant, customer_id);
    while (rs->next()) {
      event.add_responses(ResponseName(rs->getString("survey_id").asStdString(),
                                       rs->getString("id").asStdString()));
    }
    counts.case_events = s.ExecuteArgs(
        "DELETE e FROM case_events e JOIN cases c "
        "ON c.tenant_id = e.tenant_id AND c.id = e.case_id "
        "WHERE c.tenant_id = ? AND c.customer_id = ?",
        tenant, customer_id);
    // The OPENED events kept in the case rows go with them.
    auto opened = s.QueryArgs(
        "SELECT COUNT(*) AS n FROM cases WHERE tenant_id = ? AND "
        "customer_id = ? AND opened_sequence IS NOT NULL",
        tenant, customer_id);
    opened->next();
    counts.case_events += opened->getInt64("n");
    counts.cases = s.ExecuteArgs(
        "DELETE FROM cases WHERE tenant_id = ? AND customer_id = ?", tenant,
        customer_id);
    counts.responses = s.ExecuteArgs(
        "DELETE FROM responses WHERE tenant_id = ? AND customer_id = ?", tenant,
        customer_id);
    // Remembered even when nothing was stored yet: an import of old data
    // must not bring the customer in afterwards.
    s.ExecuteArgs(
        "INSERT INTO erased_customers (tenant_id, customer_hash, erase_time) "
        "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE erase_time = erase_time",
        tenant, ErasedCustomerKey(tenant, customer_id), ToSqlDatetime(now));
    if (counts.responses + counts.cases > 0) {
      s.ExecuteArgs(
          "INSERT INTO outbox (tenant_id, id, event_type, payload, create_time) "
          "VALUES (?, ?, ?, ?, ?)",
          tenant, event_id, kCustomerErasedType,
          event.SerializeAsString(), ToSqlDatetime(now));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return counts;
}

absl::StatusOr<absl::flat_hash_set<std::string>> MysqlErasureStore::ErasedAmong(
    const std::string& tenant, const std::vector<std::string>& customer_ids) {
  absl::flat_hash_set<std::string> erased;
  if (customer_ids.empty()) return erased;
  // hash -> customer id
  absl::flat_hash_map<std::string, std::string> by_key;
  std::vector<SqlValue> params = {tenant};
  const absl::Status status = pool_->Run([&](Session& s) -> absl::Status {
    // Most tenants have erased no one: then there is nothing to hash and
    // no statement with a placeholder per customer to prepare and run
    // (each import batch would hash 1,000 customer ids).
    if (!s.QueryArgs(
              "SELECT 1 FROM erased_customers WHERE tenant_id = ? LIMIT 1",
              tenant)
             ->next()) {
      return absl::OkStatus();
    }
    for (const std::string& id : customer_ids) {
      std::string key = ErasedCustomerKey(tenant, id);
      if (by_key.emplace(key, id).second) params.push_back(std::move(key));
    }
    // IN lists padded to a power of two with a repeated key: a handful of
    // statements to prepare per connection instead of one per list length.
    size_t placeholders = 8;
    while (placeholders < by_key.size()) placeholders *= 2;
    params.resize(placeholders + 1, params.back());
    auto rs = s.Query(absl::StrCat("SELECT customer_hash FROM erased_customers "
                                   "WHERE tenant_id = ? AND customer_hash IN (",
                                   Placeholders(placeholders), ")"),
                      params);
    while (rs->next()) {
      erased.insert(by_key.at(rs->getString("customer_hash").asStdString()));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return erased;
}

}  // namespace cx::feedback
