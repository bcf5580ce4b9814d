#include "services/feedback/store/mysql_response_store.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/mysql/keyset_page.h"
#include "common/mysql/placeholders.h"
#include "common/mysql/sql_time.h"
#include "common/mysql/time_range_scan.h"
#include "common/proto_wire.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "google/protobuf/arena.h"
#include "services/feedback/domain/response_events.h"
#include "services/feedback/store/mysql_case_rows.h"
#include "services/feedback/store/resource_names.h"

namespace cx::feedback {
namespace {

constexpr char kResponseType[] = "cx.feedback.v1.Response";

// Column for each filter field; values are always bound, never spliced.
const char* ColumnOf(ResponseField field) {
  switch (field) {
    case ResponseField::kChannel: return "channel";
    case ResponseField::kCustomerId: return "customer_id";
    case ResponseField::kTouchpoint: return "touchpoint";
    case ResponseField::kTeam: return "team";
    case ResponseField::kAgent: return "agent";
    case ResponseField::kLocale: return "locale";
    case ResponseField::kSurveyVersion: return "survey_version";
    case ResponseField::kScore: return "score";
    case ResponseField::kSubmitTime: return "submit_time";
    case ResponseField::kTopic:
    case ResponseField::kNegativeTopic:
    case ResponseField::kPositiveTopic: return "topics";
    case ResponseField::kKeyword: return "keywords";
  }
  return "id";
}

// Matched with LIKE in a column of comma-separated entries.
bool IsListField(ResponseField field) {
  return field == ResponseField::kTopic ||
         field == ResponseField::kNegativeTopic ||
         field == ResponseField::kPositiveTopic ||
         field == ResponseField::kKeyword;
}

SqlValue ValueOf(const ResponseCondition& c) {
  if (IsListField(c.field)) return ColumnPattern(c);
  if (c.field == ResponseField::kSubmitTime) {
    return ToSqlDatetime(absl::FromUnixMicros(std::get<int64_t>(c.value)));
  }
  if (const auto* s = std::get_if<std::string>(&c.value)) return *s;
  return std::get<int64_t>(c.value);
}

absl::Status ParseBody(const std::string& body, v1::Response* out) {
  if (!out->ParseFromString(body)) {
    return absl::DataLossError("stored response cannot be parsed");
  }
  return absl::OkStatus();
}

absl::Status ReadBody(const sql::ResultSet& rs, v1::Response* out) {
  return ParseBody(GetBytes(rs, "body"), out);
}

// (tenant, request_id) -> the response stored first under it.
using Earlier = std::map<std::pair<std::string, std::string>, v1::Response>;

// After an insert of `batch` that stored fewer rows than it has (request ids
// used before): clears `stored` for the items that were not stored and puts
// the response stored first under their request id in `earlier`.
absl::Status ReadBackRetries(NativeSession& s,
                             const std::vector<TenantResponse>& batch,
                             std::vector<bool>* stored, Earlier* earlier) {
  std::map<std::string, std::vector<std::string>> request_ids;  // by tenant
  for (const TenantResponse& item : batch) {
    if (!item.response->request_id.empty()) {
      request_ids[item.tenant].push_back(item.response->request_id);
    }
  }
  // (tenant, request_id) -> id of the response stored under it.
  std::map<std::pair<std::string, std::string>, std::string> stored_ids;
  for (const auto& [tenant, ids] : request_ids) {
    std::vector<SqlValue> params = {tenant};
    params.insert(params.end(), ids.begin(), ids.end());
    for (auto& row : s.Query(
             absl::StrCat("SELECT request_id, id FROM responses WHERE "
                          "tenant_id = ? AND request_id IN (",
                          Placeholders(ids.size()), ")"),
             params)) {
      stored_ids[{tenant, std::move(row[0])}] = std::move(row[1]);
    }
  }
  // tenant -> (stored id -> request id) of the retries in this batch.
  std::map<std::string, std::map<std::string, std::string>> retried;
  for (size_t i = 0; i < batch.size(); ++i) {
    const NewResponse& r = *batch[i].response;
    if (r.request_id.empty()) continue;  // a fresh id: always a new row
    auto it = stored_ids.find({batch[i].tenant, r.request_id});
    if (it == stored_ids.end() || it->second != r.id) {
      (*stored)[i] = false;
      if (it != stored_ids.end()) {
        retried[batch[i].tenant][it->second] = r.request_id;
      }
    }
  }
  for (const auto& [tenant, ids] : retried) {
    std::vector<SqlValue> params = {tenant};
    for (const auto& [id, request_id] : ids) params.push_back(id);
    for (const auto& row : s.Query(
             absl::StrCat("SELECT id, body FROM responses WHERE "
                          "tenant_id = ? AND id IN (",
                          Placeholders(ids.size()), ")"),
             params)) {
      v1::Response response;
      if (absl::Status st = ParseBody(row[1], &response); !st.ok()) return st;
      (*earlier)[{tenant, ids.at(row[0])}] = std::move(response);
    }
  }
  return absl::OkStatus();
}

// Rows per INSERT of a bulk batch while live ingest runs: a live batch
// waiting for the turn waits for at most this many rows (~15 µs of MariaDB
// time each). Without live ingest a bulk batch is one INSERT: splitting it
// costs an import 5-10%.
constexpr size_t kBulkRowsPerTurn = 100;
constexpr std::chrono::seconds kLiveIngestWindow{1};

struct Statement {
  std::string sql;
  std::vector<SqlValue> params;
};

// The INSERT of batch[begin, end) into responses. A repeated request id is
// not an error: the first response stands.
Statement ResponsesInsert(const std::vector<TenantResponse>& batch,
                          size_t begin, size_t end) {
  Statement insert;
  insert.sql =
      "INSERT INTO responses (tenant_id, id, survey_id, survey_version, "
      "channel, customer_id, touchpoint, team, agent, locale, score, "
      "submit_time, create_time, request_id, topics, keywords, body) VALUES ";
  insert.params.reserve((end - begin) * 17);
  for (size_t i = begin; i < end; ++i) {
    const TenantResponse& item = batch[i];
    const NewResponse& r = *item.response;
    const v1::Response& resp = r.response;
    // The batch outlives the statement: its strings are bound, not copied.
    for (SqlValue& v : std::vector<SqlValue>{
             Borrow(item.tenant), Borrow(r.id), Borrow(r.survey_id),
             int64_t{resp.survey_version()}, int64_t{resp.channel()},
             Borrow(resp.customer_id()), Borrow(resp.touchpoint()),
             Borrow(resp.team()), Borrow(resp.agent()), Borrow(resp.locale()),
             r.score ? SqlValue(int64_t{*r.score}) : SqlValue(SqlNull{}),
             SqlDatetime{FromProto(resp.submit_time())},
             SqlDatetime{FromProto(resp.create_time())},
             r.request_id.empty() ? SqlValue(SqlNull{})
                                  : SqlValue(Borrow(r.request_id)),
             r.topic_column ? SqlValue(Borrow(*r.topic_column))
                            : SqlValue(TopicColumn(resp)),
             r.keyword_column ? SqlValue(Borrow(*r.keyword_column))
                              : SqlValue(KeywordColumn(resp)),
             r.body.empty() ? SqlValue(resp.SerializeAsString())
                            : SqlValue(Borrow(r.body))}) {
      insert.params.push_back(std::move(v));
    }
  }
  insert.sql += RowPlaceholders(end - begin, 17);
  insert.sql += " ON DUPLICATE KEY UPDATE id = id";
  return insert;
}

}  // namespace

void InsertRecordedEvents(SqlExecutor& s,
                          const std::vector<const TenantResponse*>& stored) {
  // tenant -> its responses' serialized ResponseRecorded events, in order.
  std::map<std::string, std::vector<const NewResponse*>> by_tenant;
  for (const TenantResponse* item : stored) {
    if (!item->response->recorded_event.empty()) {
      by_tenant[item->tenant].push_back(item->response);
    }
  }
  std::vector<SqlValue> params;
  size_t rows = 0;
  for (const auto& [tenant, responses] : by_tenant) {
    for (size_t begin = 0; begin < responses.size();
         begin += kMaxEventsPerOutboxRow) {
      const size_t end =
          std::min(responses.size(), begin + kMaxEventsPerOutboxRow);
      // A ResponsesRecorded is its responses' ResponseRecorded bytes, each
      // framed as field 1: no parsing back of what was just serialized.
      std::string payload;
      size_t size = 0;
      for (size_t i = begin; i < end; ++i) {
        size += responses[i]->recorded_event.size() + 3;  // + tag, length
      }
      payload.reserve(size);
      for (size_t i = begin; i < end; ++i) {
        AppendLengthDelimitedField(v1::ResponsesRecorded::kResponsesFieldNumber,
                                   responses[i]->recorded_event, &payload);
      }
      const NewResponse& first = *responses[begin];
      params.insert(params.end(),
                    {tenant, first.event_id,
                     std::string(kResponsesRecordedType), std::move(payload),
                     SqlDatetime{FromProto(first.response.create_time())}});
      ++rows;
    }
  }
  if (rows == 0) return;
  s.Execute(absl::StrCat("INSERT INTO outbox (tenant_id, id, event_type, "
                         "payload, create_time) VALUES ",
                         RowPlaceholders(rows, 5)),
            params);
}

absl::StatusOr<v1::Response> MysqlResponseStore::Insert(
    const std::string& tenant, const NewResponse& r) {
  return std::move(InsertBatch({{tenant, &r}})[0]).StoredOr(r.response);
}

std::vector<InsertOutcome> MysqlResponseStore::Store(
    const std::vector<TenantResponse>& batch, WritePriority priority) {
  // One INSERT per batch, but while live ingest runs, one per
  // kBulkRowsPerTurn rows of a bulk batch: a live batch waits for the turn
  // no longer than one of those takes (a millisecond or two).
  const bool split = priority == WritePriority::kBulk &&
                     insert_turn_.LiveWithin(kLiveIngestWindow);
  const size_t rows_per_insert = split ? kBulkRowsPerTurn : batch.size();
  std::vector<Statement> inserts;
  for (size_t begin = 0; begin < batch.size(); begin += rows_per_insert) {
    const size_t end = std::min(batch.size(), begin + rows_per_insert);
    inserts.push_back(ResponsesInsert(batch, begin, end));
  }
  // Which items this transaction stored, by position; for the others, the
  // response stored first under their request id.
  std::vector<bool> stored;
  Earlier earlier;
  const absl::Status status =
      pool_->TransactNative([&](NativeSession& s) -> absl::Status {
    // (This lambda may run again after a deadlock, so it reads its inputs
    // without consuming them.)
    earlier.clear();
    stored.assign(batch.size(), true);
    int inserted = 0;
    bool take_turns = true;
    for (const Statement& insert : inserts) {
      // Bound before the turn, which is held for the statement alone.
      NativeSession::Bound bound = s.Bind(insert.sql, insert.params);
      std::optional<ScopedInsertTurn> turn;
      if (take_turns) {
        turn.emplace(insert_turn_, priority);
        // Not given the turn: this transaction's rows may be what its
        // holder waits for, so it stops asking until it commits.
        take_turns = turn->held();
      }
      inserted += bound.Execute();
    }
    // With ON DUPLICATE KEY UPDATE a no-op, each new row counts 1 and each
    // repeated request id 0: when every row is new (the usual case, online
    // and in imports) there is nothing to read back or match up.
    if (inserted != static_cast<int>(batch.size())) {
      RETURN_IF_ERROR(ReadBackRetries(s, batch, &stored, &earlier));
    }
    // The responses this transaction really stored (a retry's first attempt
    // opened its case and wrote its event already).
    std::vector<const TenantResponse*> stored_now;
    stored_now.reserve(batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
      if (stored[i]) stored_now.push_back(&batch[i]);
    }
    InsertRecordedEvents(s, stored_now);
    // Their cases, tenant by tenant so concurrent batches lock event
    // counters in the same order.
    std::vector<const TenantResponse*> with_case;
    for (const TenantResponse* item : stored_now) {
      if (item->response->opened_case) with_case.push_back(item);
    }
    std::stable_sort(with_case.begin(), with_case.end(),
                     [](const TenantResponse* a, const TenantResponse* b) {
                       return a->tenant < b->tenant;
                     });
    std::vector<CaseToOpen> to_open;
    to_open.reserve(with_case.size());
    for (const TenantResponse* item : with_case) {
      const NewResponse& r = *item->response;
      to_open.push_back({item->tenant, r.case_id, &*r.opened_case,
                         FromProto(r.response.create_time()),
                         r.case_bodies ? &*r.case_bodies : nullptr});
    }
    InsertCases(s, to_open);
    return absl::OkStatus();
  });
  std::vector<InsertOutcome> outcomes(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    InsertOutcome& outcome = outcomes[i];
    if (!status.ok()) {
      outcome.status = status;
    } else if (!stored[i]) {
      auto first =
          earlier.find({batch[i].tenant, batch[i].response->request_id});
      if (first != earlier.end()) {
        outcome.earlier = first->second;
      } else {
        outcome.status = absl::InternalError("stored response not found");
      }
    }
  }
  return outcomes;
}

absl::StatusOr<v1::Response> MysqlResponseStore::Get(
    const std::string& tenant, const std::string& survey_id,
    const std::string& id) {
  v1::Response response;
  const absl::Status status = pool_->Run([&](Session& s) -> absl::Status {
    auto rs = s.QueryArgs(
        "SELECT body FROM responses "
        "WHERE tenant_id = ? AND id = ? AND survey_id = ?",
        tenant, id, survey_id);
    if (!rs->next()) {
      return NotFound(kResponseType, ResponseName(survey_id, id));
    }
    return ReadBody(*rs, &response);
  });
  if (!status.ok()) return status;
  return response;
}

absl::StatusOr<ResponsePage> MysqlResponseStore::List(
    const std::string& tenant, const ResponseListQuery& query) {
  std::string sql = "SELECT body FROM responses WHERE tenant_id = ?";
  std::vector<SqlValue> params = {tenant};
  if (!query.survey_id.empty()) {
    sql += " AND survey_id = ?";
    params.push_back(query.survey_id);
  }
  sql += " AND id > ?";
  params.push_back(query.after_id);
  for (const ResponseCondition& c : query.conditions) {
    const std::string test = IsListField(c.field)
                                 ? "LIKE ? ESCAPE '!'"
                                 : absl::StrCat(FilterOpSql(c.op), " ?");
    absl::StrAppend(&sql, " AND ", ColumnOf(c.field), " ", test);
    params.push_back(ValueOf(c));
  }
  ResponsePage page;
  const absl::Status status = QueryPage(
      *pool_, sql, std::move(params), query.limit,
      [&](const sql::ResultSet& rs) -> absl::Status {
        v1::Response response;
        if (absl::Status st = ReadBody(rs, &response); !st.ok()) return st;
        page.responses.push_back(std::move(response));
        return absl::OkStatus();
      },
      &page.more);
  if (!status.ok()) return status;
  return page;
}

absl::Status MysqlResponseStore::ReplaceAnalyses(
    const std::string& tenant, const std::vector<v1::Response>& responses) {
  struct Row {
    std::string id, body, topics, keywords;
  };
  std::vector<Row> rows;
  rows.reserve(responses.size());
  for (const v1::Response& r : responses) {
    rows.push_back({FinalIdOf(r.name()), r.SerializeAsString(),
                    TopicColumn(r), KeywordColumn(r)});
  }
  return pool_->Transact([&](Session& s) -> absl::Status {
    for (const Row& row : rows) {
      s.ExecuteArgs(
          "UPDATE responses SET body = ?, topics = ?, keywords = ? "
          "WHERE tenant_id = ? AND id = ?",
          row.body, row.topics, row.keywords, tenant, row.id);
    }
    return absl::OkStatus();
  });
}

absl::Status MysqlResponseStore::ForEachResponseSubmitted(
    const std::string& tenant, const std::string& survey_id, absl::Time from,
    absl::Time before, absl::FunctionRef<absl::Status(const v1::Response&)> visit) {
  TimeRangeScan scan;
  scan.sql = "SELECT id, body, submit_time FROM responses WHERE tenant_id = ?";
  scan.params = {tenant};
  if (!survey_id.empty()) {
    scan.sql += " AND survey_id = ?";
    scan.params.push_back(survey_id);
  }
  scan.time_column = "submit_time";
  scan.from = from;
  scan.before = before;
  // Each body is parsed into an arena that is reset for the next: its
  // strings and messages take no allocation of their own (which otherwise
  // cost reports over many responses more than the parsing itself).
  std::vector<char> block(64 << 10);
  google::protobuf::ArenaOptions options;
  options.initial_block = block.data();
  options.initial_block_size = block.size();
  google::protobuf::Arena arena(options);
  return ScanTimeRange(*pool_, scan,
                       [&](const std::string& body) -> absl::Status {
                         auto* response =
                             google::protobuf::Arena::CreateMessage<v1::Response>(
                                 &arena);
                         absl::Status status = ParseBody(body, response);
                         if (status.ok()) status = visit(*response);
                         arena.Reset();
                         return status;
                       });
}

}  // namespace cx::feedback
