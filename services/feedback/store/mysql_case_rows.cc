#include "services/feedback/store/mysql_case_rows.h"

#include "absl/strings/str_cat.h"
#include "common/mysql/sql_time.h"

namespace cx::feedback {
namespace {

// Takes the tenant's next event sequence under the counter row's lock, which
// is held until commit: events of a tenant commit in sequence order.
int64_t NextSequence(Session& s, const std::string& tenant) {
  s.ExecuteArgs(
      "INSERT INTO case_event_counters (tenant_id, last_sequence) "
      "VALUES (?, 1) ON DUPLICATE KEY UPDATE last_sequence = last_sequence + 1",
      tenant);
  auto rs = s.QueryArgs(
      "SELECT last_sequence FROM case_event_counters WHERE tenant_id = ?",
      tenant);
  rs->next();
  return rs->getInt64("last_sequence");
}

v1::CaseEvent AppendEvent(Session& s, const std::string& tenant,
                          const std::string& id, const v1::Case& c,
                          const std::string& actor, v1::CaseEvent::Kind kind,
                          absl::Time now) {
  v1::CaseEvent event;
  event.set_sequence(NextSequence(s, tenant));
  event.set_kind(kind);
  event.set_actor(actor);
  *event.mutable_case_() = c;
  *event.mutable_create_time() = ToProto(now);
  s.ExecuteArgs(
      "INSERT INTO case_events (tenant_id, sequence, case_id, body, "
      "create_time) VALUES (?, ?, ?, ?, ?)",
      tenant, event.sequence(), id, event.SerializeAsString(),
      ToSqlDatetime(now));
  return event;
}

}  // namespace

std::string CaseEtag(int64_t revision) {
  return absl::StrCat("\"c", revision, "\"");
}

void InsertCase(Session& s, const std::string& tenant, const std::string& id,
                const v1::Case& input, absl::Time now) {
  v1::Case c = input;
  c.set_name(CaseName(id));
  c.set_etag(CaseEtag(1));
  s.ExecuteArgs(
      "INSERT INTO cases (tenant_id, id, response_name, customer_id, state, "
      "priority, owner, due_time, revision, body, create_time, update_time) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
      tenant, id, c.response(), c.customer_id(), static_cast<int>(c.state()),
      static_cast<int>(c.priority()), c.owner(),
      ToSqlDatetime(FromProto(c.due_time())), c.SerializeAsString(),
      ToSqlDatetime(now), ToSqlDatetime(now));
  AppendEvent(s, tenant, id, c, "system", v1::CaseEvent::KIND_OPENED, now);
}

v1::CaseEvent UpdateCase(Session& s, const std::string& tenant,
                         const std::string& id, const v1::Case& input,
                         int64_t revision, const std::string& actor,
                         v1::CaseEvent::Kind kind, absl::Time now) {
  v1::Case c = input;
  c.set_etag(CaseEtag(revision));
  s.ExecuteArgs(
      "UPDATE cases SET state = ?, priority = ?, owner = ?, due_time = ?, "
      "revision = ?, body = ?, update_time = ? WHERE tenant_id = ? AND id = ?",
      static_cast<int>(c.state()), static_cast<int>(c.priority()), c.owner(),
      ToSqlDatetime(FromProto(c.due_time())), revision, c.SerializeAsString(),
      ToSqlDatetime(now), tenant, id);
  return AppendEvent(s, tenant, id, c, actor, kind, now);
}

}  // namespace cx::feedback
