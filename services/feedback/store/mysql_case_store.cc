#include "services/feedback/store/mysql_case_store.h"

#include "common/ids.h"
#include "common/mysql/keyset_page.h"
#include "common/mysql/sql_time.h"
#include "common/mysql/time_range_scan.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "services/feedback/store/mysql_case_rows.h"

namespace cx::feedback {
namespace {

constexpr char kCaseType[] = "cx.feedback.v1.Case";

// A case's id is minted from the clock right after its create_time is read,
// so the ids of a period's cases lie between MinIdAt of its ends: ListCases
// walks that primary-key range instead of the tenant's whole history. The
// slack covers a clock stepped back, or a thread stalled, in between.
constexpr absl::Duration kIdMintingSlack = absl::Hours(1);

absl::Status ParseCaseBody(const std::string& body, v1::Case* out) {
  if (!out->ParseFromString(body)) {
    return absl::DataLossError("stored case cannot be parsed");
  }
  return absl::OkStatus();
}

absl::Status ParseCase(const sql::ResultSet& rs, v1::Case* out) {
  return ParseCaseBody(GetBytes(rs, "body"), out);
}

}  // namespace

absl::StatusOr<v1::Case> MysqlCaseStore::Get(const std::string& tenant,
                                             const std::string& id) {
  v1::Case c;
  const absl::Status status = pool_->Run([&](Session& s) -> absl::Status {
    auto rs = s.QueryArgs(
        "SELECT body FROM cases WHERE tenant_id = ? AND id = ?", tenant, id);
    if (!rs->next()) return NotFound(kCaseType, CaseName(id));
    return ParseCase(*rs, &c);
  });
  if (!status.ok()) return status;
  return c;
}

absl::StatusOr<CasePage> MysqlCaseStore::List(const std::string& tenant,
                                              const CaseListQuery& query) {
  std::string sql = "SELECT body FROM cases WHERE tenant_id = ?";
  std::vector<SqlValue> params = {tenant};
  if (!query.by_due_time) {
    sql += " AND id > ?";
    params.push_back(query.after_id);
  } else if (!query.after_id.empty()) {
    sql += " AND (due_time > ? OR (due_time = ? AND id > ?))";
    const std::string due = ToSqlDatetime(query.after_due_time);
    params.insert(params.end(), {due, due, query.after_id});
  }
  if (query.state) {
    sql += " AND state = ?";
    params.push_back(static_cast<int64_t>(*query.state));
  }
  if (query.priority) {
    sql += " AND priority = ?";
    params.push_back(static_cast<int64_t>(*query.priority));
  }
  if (query.owner) {
    sql += " AND owner = ?";
    params.push_back(*query.owner);
  }
  if (query.root_cause) {
    sql += " AND root_cause = ?";
    params.push_back(*query.root_cause);
  }
  if (query.customer_id) {
    sql += " AND customer_id = ?";
    params.push_back(*query.customer_id);
  }
  if (query.overdue) {
    sql += *query.overdue
               ? " AND state IN (1, 2) AND due_time < ?"
               : " AND NOT (state IN (1, 2) AND due_time < ?)";
    params.push_back(ToSqlDatetime(query.now));
  }
  if (query.opened_from) {
    sql += " AND create_time >= ?";
    params.push_back(ToSqlDatetime(*query.opened_from));
    sql += " AND id >= ?";
    params.push_back(MinIdAt(*query.opened_from - kIdMintingSlack));
  }
  if (query.opened_before) {
    sql += " AND create_time < ?";
    params.push_back(ToSqlDatetime(*query.opened_before));
    sql += " AND id < ?";
    params.push_back(MinIdAt(*query.opened_before + kIdMintingSlack));
  }
  CasePage page;
  const absl::Status status = QueryPage(
      *pool_, sql, std::move(params), query.limit,
      [&](const sql::ResultSet& rs) -> absl::Status {
        v1::Case c;
        if (absl::Status st = ParseCase(rs, &c); !st.ok()) return st;
        page.cases.push_back(std::move(c));
        return absl::OkStatus();
      },
      &page.more, query.by_due_time ? "due_time, id" : "id");
  if (!status.ok()) return status;
  return page;
}

absl::Status MysqlCaseStore::ForEachCaseOpened(
    const std::string& tenant, absl::Time from, absl::Time before,
    absl::FunctionRef<void(const v1::Case&)> visit) {
  return ScanTimeRange(
      *pool_,
      {"SELECT id, body, create_time FROM cases WHERE tenant_id = ?",
       {tenant}, "create_time", from, before, scan_page_},
      [&](const std::string& body) -> absl::Status {
        v1::Case c;
        RETURN_IF_ERROR(ParseCaseBody(body, &c));
        visit(c);
        return absl::OkStatus();
      });
}

absl::StatusOr<v1::Case> MysqlCaseStore::Mutate(
    const std::string& tenant, const std::string& id, const std::string& etag,
    const std::string& actor, v1::CaseEvent::Kind kind,
    absl::FunctionRef<absl::StatusOr<bool>(v1::Case&)> change) {
  v1::Case result;
  const absl::Time now = clock_->Now();
  const absl::Status status = pool_->Transact([&](Session& s) -> absl::Status {
    auto rs = s.QueryArgs(
        "SELECT body, revision FROM cases WHERE tenant_id = ? AND id = ? "
        "FOR UPDATE",
        tenant, id);
    if (!rs->next()) return NotFound(kCaseType, CaseName(id));
    v1::Case c;
    if (absl::Status st = ParseCase(*rs, &c); !st.ok()) return st;
    const int64_t revision = rs->getInt64("revision");
    if (!etag.empty() && etag != c.etag()) return EtagMismatch(c.name());
    const std::string previous_owner = c.owner();
    absl::StatusOr<bool> changed = change(c);
    if (!changed.ok()) return changed.status();
    if (*changed) {
      *c.mutable_update_time() = ToProto(now);
      result = UpdateCase(s, tenant, id, c, previous_owner, revision + 1,
                          actor, kind, now)
                   .case_();
    } else {
      result = std::move(c);
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return result;
}

namespace {

absl::StatusOr<std::vector<v1::CaseEvent>> ReadEvents(
    ConnectionPool& pool, const std::string& sql,
    const std::vector<SqlValue>& params) {
  std::vector<v1::CaseEvent> events;
  const absl::Status status = pool.Run([&](Session& s) -> absl::Status {
    auto rs = s.Query(sql, params);
    while (rs->next()) {
      v1::CaseEvent event;
      if (!event.ParseFromString(GetBytes(*rs, "body"))) {
        return absl::DataLossError("stored case event cannot be parsed");
      }
      // Events opened with a response are numbered by the database.
      event.set_sequence(rs->getInt64("sequence"));
      events.push_back(std::move(event));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return events;
}

}  // namespace

absl::StatusOr<std::vector<v1::CaseEvent>> MysqlCaseStore::EventsAfter(
    const std::string& tenant, int64_t after, int limit) {
  const int64_t n = limit;
  return ReadEvents(
      *pool_,
      "(SELECT sequence, body FROM case_events WHERE tenant_id = ? AND "
      "sequence > ? ORDER BY sequence LIMIT ?) UNION ALL "
      "(SELECT opened_sequence, opened_event FROM cases WHERE tenant_id = ? "
      "AND opened_sequence > ? ORDER BY opened_sequence LIMIT ?) "
      "ORDER BY sequence LIMIT ?",
      {tenant, after, n, tenant, after, n, n});
}

absl::StatusOr<std::vector<v1::CaseEvent>> MysqlCaseStore::CaseEventsAfter(
    const std::string& tenant, const std::string& case_id, int64_t after,
    int limit) {
  const int64_t n = limit;
  return ReadEvents(
      *pool_,
      "(SELECT sequence, body FROM case_events WHERE tenant_id = ? AND "
      "case_id = ? AND sequence > ? ORDER BY sequence LIMIT ?) UNION ALL "
      "(SELECT opened_sequence, opened_event FROM cases WHERE tenant_id = ? "
      "AND id = ? AND opened_sequence > ?) ORDER BY sequence LIMIT ?",
      {tenant, case_id, after, n, tenant, case_id, after, n});
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>>
MysqlCaseStore::FindOverdue(absl::Time now, int limit) {
  std::vector<std::pair<std::string, std::string>> due;
  const absl::Status status = pool_->Run([&](Session& s) {
    auto rs = s.QueryArgs(
        "SELECT tenant_id, id FROM cases WHERE state IN (1, 2) "
        "AND due_time < ? ORDER BY due_time LIMIT ?",
        ToSqlDatetime(now), limit);
    while (rs->next()) {
      due.emplace_back(rs->getString("tenant_id").asStdString(),
                       rs->getString("id").asStdString());
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return due;
}

absl::StatusOr<std::optional<v1::ClosedLoopPolicy>> MysqlCaseStore::GetPolicy(
    const std::string& tenant) {
  std::optional<v1::ClosedLoopPolicy> policy;
  const absl::Status status = pool_->Run([&](Session& s) -> absl::Status {
    auto rs = s.QueryArgs(
        "SELECT body FROM closed_loop_policies WHERE tenant_id = ?", tenant);
    if (!rs->next()) return absl::OkStatus();
    policy.emplace();
    if (!policy->ParseFromString(GetBytes(*rs, "body"))) {
      return absl::DataLossError("stored policy cannot be parsed");
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return policy;
}

absl::Status MysqlCaseStore::SetPolicy(const std::string& tenant,
                                       const v1::ClosedLoopPolicy& policy,
                                       absl::Time now) {
  return pool_->Transact([&](Session& s) {
    s.ExecuteArgs(
        "INSERT INTO closed_loop_policies (tenant_id, body, update_time) "
        "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE body = ?, update_time = ?",
        tenant, policy.SerializeAsString(), ToSqlDatetime(now),
        policy.SerializeAsString(), ToSqlDatetime(now));
    return absl::OkStatus();
  });
}

}  // namespace cx::feedback
