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

void InsertCases(Session& s, const std::vector<CaseToOpen>& cases) {
  if (cases.empty()) return;
  std::string case_sql =
      "INSERT INTO cases (tenant_id, id, response_name, customer_id, state, "
      "priority, owner, due_time, revision, body, create_time, update_time) "
      "VALUES ";
  std::string event_sql =
      "INSERT INTO case_events (tenant_id, sequence, case_id, body, "
      "create_time) VALUES ";
  std::vector<SqlValue> case_params, event_params;
  for (size_t begin = 0; begin < cases.size();) {
    // One tenant's run: reserve its sequences with one counter update.
    size_t end = begin;
    while (end < cases.size() && cases[end].tenant == cases[begin].tenant) ++end;
    const std::string& tenant = cases[begin].tenant;
    const int64_t n = static_cast<int64_t>(end - begin);
    s.ExecuteArgs(
        "INSERT INTO case_event_counters (tenant_id, last_sequence) "
        "VALUES (?, ?) ON DUPLICATE KEY UPDATE last_sequence = last_sequence + ?",
        tenant, n, n);
    auto rs = s.QueryArgs(
        "SELECT last_sequence FROM case_event_counters WHERE tenant_id = ?",
        tenant);
    rs->next();
    int64_t sequence = rs->getInt64("last_sequence") - n;
    for (size_t i = begin; i < end; ++i) {
      const CaseToOpen& open = cases[i];
      v1::Case c = *open.opened;
      c.set_name(CaseName(open.id));
      c.set_etag(CaseEtag(1));
      const std::string at = ToSqlDatetime(open.time);
      case_sql += case_params.empty() ? "" : ", ";
      case_sql += "(?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)";
      for (SqlValue& v : std::vector<SqlValue>{
               tenant, open.id, c.response(), c.customer_id(),
               int64_t{c.state()}, int64_t{c.priority()}, c.owner(),
               ToSqlDatetime(FromProto(c.due_time())), c.SerializeAsString(),
               at, at}) {
        case_params.push_back(std::move(v));
      }
      v1::CaseEvent event;
      event.set_sequence(++sequence);
      event.set_kind(v1::CaseEvent::KIND_OPENED);
      event.set_actor("system");
      *event.mutable_case_() = std::move(c);
      *event.mutable_create_time() = ToProto(open.time);
      event_sql += event_params.empty() ? "" : ", ";
      event_sql += "(?, ?, ?, ?, ?)";
      for (SqlValue& v : std::vector<SqlValue>{tenant, event.sequence(), open.id,
                                               event.SerializeAsString(), at}) {
        event_params.push_back(std::move(v));
      }
    }
    begin = end;
  }
  s.Execute(case_sql, case_params);
  s.Execute(event_sql, event_params);
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
