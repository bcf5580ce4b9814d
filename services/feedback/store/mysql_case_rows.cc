#include "services/feedback/store/mysql_case_rows.h"

#include "absl/strings/str_cat.h"
#include "common/mysql/sql_time.h"

namespace cx::feedback {
namespace {

// Reserves the tenant's next `n` event sequences under the counter row's
// lock, which is held until commit: events of a tenant commit in sequence
// order. LAST_INSERT_ID(expr) leaves the last one reserved in the session,
// where the statement inserting the events can number them itself, without a
// round trip to read the counter back.
void ReserveSequences(SqlExecutor& s, const std::string& tenant, int64_t n) {
  s.ExecuteArgs(
      "INSERT INTO case_event_counters (tenant_id, last_sequence) "
      "VALUES (?, LAST_INSERT_ID(?)) ON DUPLICATE KEY UPDATE "
      "last_sequence = LAST_INSERT_ID(last_sequence + ?)",
      tenant, n, n);
}

// The next sequence of the tenant, for an event whose caller needs it.
int64_t NextSequence(Session& s, const std::string& tenant) {
  ReserveSequences(s, tenant, 1);
  auto rs = s.QueryArgs("SELECT LAST_INSERT_ID() AS last_sequence");
  rs->next();
  return rs->getInt64("last_sequence");
}

v1::CaseEvent AppendEvent(Session& s, const std::string& tenant,
                          const std::string& id, const v1::Case& c,
                          const std::string& previous_owner,
                          const std::string& actor, v1::CaseEvent::Kind kind,
                          absl::Time now) {
  v1::CaseEvent event;
  event.set_sequence(NextSequence(s, tenant));
  event.set_kind(kind);
  event.set_actor(actor);
  *event.mutable_case_() = c;
  if (previous_owner != c.owner()) event.set_previous_owner(previous_owner);
  *event.mutable_create_time() = ToProto(now);
  s.ExecuteArgs(
      "INSERT INTO case_events (tenant_id, sequence, case_id, body, "
      "create_time) VALUES (?, ?, ?, ?, ?)",
      tenant, event.sequence(), id, event.SerializeAsString(),
      ToSqlDatetime(now));
  return event;
}

}  // namespace

void InsertCases(SqlExecutor& s, const std::vector<CaseToOpen>& cases) {
  for (size_t begin = 0; begin < cases.size();) {
    // One tenant's run: its cases with their OPENED events, numbered in the
    // INSERT from the sequences one counter update reserved (stored event
    // bodies leave the sequence to its column; readers take it from there).
    size_t end = begin;
    while (end < cases.size() && cases[end].tenant == cases[begin].tenant) ++end;
    const std::string& tenant = cases[begin].tenant;
    ReserveSequences(s, tenant, static_cast<int64_t>(end - begin));
    std::string sql =
        "INSERT INTO cases (tenant_id, id, response_name, customer_id, state, "
        "priority, owner, due_time, revision, body, create_time, update_time, "
        "opened_sequence, opened_event) VALUES ";
    std::vector<SqlValue> params;
    params.reserve((end - begin) * 13);
    for (size_t i = begin; i < end; ++i) {
      const CaseToOpen& open = cases[i];
      // The cases outlive the statement: their strings are bound, not
      // copied; bodies serialized here are moved in.
      SqlValue case_body, event_body;
      if (open.bodies != nullptr) {
        case_body = Borrow(open.bodies->case_body);
        event_body = Borrow(open.bodies->event_body);
      } else {
        OpenedCaseBodies serialized =
            SerializeOpenedCase(open.id, *open.opened, open.time);
        case_body = std::move(serialized.case_body);
        event_body = std::move(serialized.event_body);
      }
      const v1::Case& c = *open.opened;
      const SqlDatetime at{open.time};
      sql += i == begin ? "" : ", ";
      sql += "(?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, LAST_INSERT_ID() - ?, ?)";
      for (SqlValue& v : std::vector<SqlValue>{
               Borrow(tenant), Borrow(open.id), Borrow(c.response()),
               Borrow(c.customer_id()), int64_t{c.state()},
               int64_t{c.priority()}, Borrow(c.owner()),
               SqlDatetime{FromProto(c.due_time())}, std::move(case_body), at,
               at, static_cast<int64_t>(end - 1 - i), std::move(event_body)}) {
        params.push_back(std::move(v));
      }
    }
    s.Execute(sql, params);
    begin = end;
  }
}

v1::CaseEvent UpdateCase(Session& s, const std::string& tenant,
                         const std::string& id, const v1::Case& input,
                         const std::string& previous_owner, int64_t revision,
                         const std::string& actor, v1::CaseEvent::Kind kind,
                         absl::Time now) {
  v1::Case c = input;
  c.set_etag(CaseEtag(revision));
  s.ExecuteArgs(
      "UPDATE cases SET state = ?, priority = ?, owner = ?, root_cause = ?, "
      "due_time = ?, revision = ?, body = ?, update_time = ? "
      "WHERE tenant_id = ? AND id = ?",
      static_cast<int>(c.state()), static_cast<int>(c.priority()), c.owner(),
      c.root_cause(),
      ToSqlDatetime(FromProto(c.due_time())), revision, c.SerializeAsString(),
      ToSqlDatetime(now), tenant, id);
  return AppendEvent(s, tenant, id, c, previous_owner, actor, kind, now);
}

}  // namespace cx::feedback
