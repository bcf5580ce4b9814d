#include "services/feedback/store/mysql_erasure_store.h"

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
    counts.cases = s.ExecuteArgs(
        "DELETE FROM cases WHERE tenant_id = ? AND customer_id = ?", tenant,
        customer_id);
    counts.responses = s.ExecuteArgs(
        "DELETE FROM responses WHERE tenant_id = ? AND customer_id = ?", tenant,
        customer_id);
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

}  // namespace cx::feedback
