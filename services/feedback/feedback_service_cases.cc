// FeedbackService: closed-loop cases, their live feed and the tenant's rules.

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/field_mask.h"
#include "common/api/filter.h"
#include "common/api/pagination.h"
#include "common/api/resource_name.h"
#include "common/grpc/handler.h"
#include "common/hash.h"
#include "common/log.h"
#include "common/proto_time.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "services/feedback/domain/case_statistics.h"
#include "services/feedback/domain/closed_loop.h"
#include "services/feedback/domain/report_period.h"
#include "services/feedback/domain/topic_name.h"
#include "services/feedback/feedback_service.h"
#include "services/feedback/store/resource_names.h"

namespace cx::feedback {
namespace {

constexpr std::initializer_list<Role> kCaseReaders = {
    Role::kAdmin, Role::kAnalyst, Role::kAgent};
constexpr std::initializer_list<Role> kCaseWorkers = {Role::kAdmin,
                                                       Role::kAgent};
constexpr std::initializer_list<Role> kPolicyWriters = {Role::kAdmin};
constexpr size_t kMaxNote = 4000;

const std::set<std::string>& UpdatableCaseFields() {
  static const auto* fields =
      new std::set<std::string>{"state", "owner", "priority", "root_cause"};
  return *fields;
}

absl::StatusOr<std::string> CaseIdOf(absl::string_view field,
                                     absl::string_view name) {
  ASSIGN_OR_RETURN(auto ids, ParseResourceName(field, name, {"cases"}));
  return ids[0];
}

// Parses `NAME` or `PREFIX_NAME` of a proto enum.
template <typename Enum>
bool ParseEnum(const std::string& value, const std::string& prefix,
               bool (*parse)(const std::string&, Enum*), Enum* out) {
  std::string name = absl::AsciiStrToUpper(value);
  if (name.rfind(prefix, 0) != 0) name = prefix + name;
  return parse(name, out) && static_cast<int>(*out) != 0;
}

absl::Status ParseCaseFilter(absl::string_view filter, CaseListQuery* q) {
  ASSIGN_OR_RETURN(auto conditions, ParseFilter(filter));
  for (const FilterCondition& c : conditions) {
    if (c.field == "create_time") {
      absl::Time t;
      std::string err;
      if (!absl::ParseTime(absl::RFC3339_full, c.value, &t, &err)) {
        return InvalidField("filter", "create_time takes an RFC 3339 time");
      }
      if (c.op == FilterOp::kGe) {
        q->opened_from = t;
      } else if (c.op == FilterOp::kLt) {
        q->opened_before = t;
      } else {
        return InvalidField("filter", "create_time takes >= and <");
      }
      continue;
    }
    if (c.op != FilterOp::kEq) {
      return InvalidField("filter",
                          "cases are filtered with =, and create_time with "
                          ">= and <");
    }
    if (c.field == "state") {
      v1::Case::State state;
      if (!ParseEnum(c.value, "STATE_", &v1::Case::State_Parse, &state)) {
        return InvalidField("filter",
                            "state is OPEN, IN_PROGRESS, RESOLVED or CLOSED");
      }
      q->state = state;
    } else if (c.field == "priority") {
      v1::CasePriority priority;
      if (!ParseEnum(c.value, "CASE_PRIORITY_", &v1::CasePriority_Parse,
                     &priority)) {
        return InvalidField("filter", "priority is LOW, MEDIUM, HIGH or URGENT");
      }
      q->priority = priority;
    } else if (c.field == "owner") {
      q->owner = c.value;
    } else if (c.field == "root_cause") {
      if (!c.value.empty() && !IsTopicName(c.value)) {
        return InvalidField("filter", "root_cause is [a-z0-9_]{1,40} or \"\"");
      }
      q->root_cause = c.value;
    } else if (c.field == "customer_id") {
      q->customer_id = c.value;
    } else if (c.field == "overdue") {
      if (c.value != "true" && c.value != "false") {
        return InvalidField("filter", "overdue is true or false");
      }
      q->overdue = c.value == "true";
    } else {
      return InvalidField("filter",
                          absl::StrCat("unknown field '", c.field,
                                       "'; use state, priority, owner, "
                                       "root_cause, customer_id, overdue or "
                                       "create_time"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

v1::Case FeedbackService::Presented(v1::Case c) const {
  c.set_overdue(IsOverdue(c, clock_->Now()));
  return c;
}

absl::StatusOr<std::shared_ptr<const v1::ClosedLoopPolicy>>
FeedbackService::PolicyFor(const std::string& tenant) {
  const absl::Time now = clock_->Now();
  if (auto cached = policies_.Get(tenant, now)) return *std::move(cached);
  ASSIGN_OR_RETURN(std::optional<v1::ClosedLoopPolicy> stored,
                   cases_->GetPolicy(tenant));
  auto policy = std::make_shared<const v1::ClosedLoopPolicy>(
      stored ? *std::move(stored) : DefaultClosedLoopPolicy());
  policies_.Put(tenant, policy, now);
  return policy;
}

absl::StatusOr<int> FeedbackService::EscalateOverdueCases() {
  const absl::Time now = clock_->Now();
  ASSIGN_OR_RETURN(auto overdue, cases_->FindOverdue(now, 500));
  int escalated = 0;
  for (const auto& [tenant, id] : overdue) {
    ASSIGN_OR_RETURN(const auto policy, PolicyFor(tenant));
    bool changed = false;
    auto result = cases_->Mutate(
        tenant, id, "", "system", v1::CaseEvent::KIND_ESCALATED,
        [&](v1::Case& c) -> absl::StatusOr<bool> {
          // Re-checked under the row lock: another replica may have been
          // first, or an agent may have resolved it meanwhile.
          changed = IsOverdue(c, now);
          if (changed) Escalate(*policy, now, &c);
          return changed;
        });
    if (!result.ok()) return result.status();
    if (changed) {
      case_events_.NotifyAll();
      ++escalated;
      LogInfo("case escalated", {{"tenant", tenant},
                                 {"case", result->name()},
                                 {"priority",
                                  v1::CasePriority_Name(result->priority())}});
    }
  }
  return escalated;
}

grpc::Status FeedbackService::GetCase(grpc::ServerContext* context,
                                      const v1::GetCaseRequest* r,
                                      v1::Case* out) {
  return HandleCall(*context, "GetCase", *authorizer_, kCaseReaders,
                    [&](const Principal& p) -> absl::Status {
                      ASSIGN_OR_RETURN(std::string id,
                                       CaseIdOf("name", r->name()));
                      ASSIGN_OR_RETURN(v1::Case c, cases_->Get(p.tenant, id));
                      *out = Presented(std::move(c));
                      return absl::OkStatus();
                    });
}

absl::StatusOr<v1::ListCasesResponse> FeedbackService::DoListCases(
    const Principal& caller, const v1::ListCasesRequest& r) {
  CaseListQuery query;
  query.now = clock_->Now();
  ASSIGN_OR_RETURN(query.limit, EffectivePageSize(r.page_size()));
  RETURN_IF_ERROR(ParseCaseFilter(r.filter(), &query));
  if (r.order_by() == "due_time") {
    query.by_due_time = true;
  } else if (!r.order_by().empty() && r.order_by() != "create_time") {
    return InvalidField("order_by", "must be create_time or due_time");
  }
  const uint64_t fingerprint =
      Fnv1a64(r.order_by(), Fnv1a64(r.filter(), Fnv1a64("cases")));
  ASSIGN_OR_RETURN(const std::string after,
                   DecodePageToken(r.page_token(), fingerprint));
  // By deadline the keyset is "<due_time in µs>/<id>", else the id.
  if (!query.by_due_time || after.empty()) {
    query.after_id = after;
  } else {
    const std::vector<std::string> parts = absl::StrSplit(after, '/');
    int64_t due_micros = 0;
    if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &due_micros)) {
      return InvalidField("page_token", "is not a token this list returned");
    }
    query.after_due_time = absl::FromUnixMicros(due_micros);
    query.after_id = parts[1];
  }
  ASSIGN_OR_RETURN(CasePage page, cases_->List(caller.tenant, query));
  v1::ListCasesResponse out;
  for (auto& c : page.cases) *out.add_cases() = Presented(std::move(c));
  if (page.more && out.cases_size() > 0) {
    const v1::Case& last = out.cases(out.cases_size() - 1);
    const std::string last_id = FinalIdOf(last.name());
    out.set_next_page_token(EncodePageToken(
        query.by_due_time
            ? absl::StrCat(absl::ToUnixMicros(FromProto(last.due_time())), "/",
                           last_id)
            : last_id,
        fingerprint));
  }
  return out;
}

absl::StatusOr<v1::CaseStatistics> FeedbackService::DoGetCaseStatistics(
    const Principal& caller, const v1::GetCaseStatisticsRequest& r) {
  ASSIGN_OR_RETURN(const ReportPeriod period,
                   ParseReportPeriod(r.has_start_time(), r.start_time(),
                                     r.has_end_time(), r.end_time()));
  CaseStatisticsBuilder statistics(clock_->Now());
  RETURN_IF_ERROR(cases_->ForEachCaseOpened(
      caller.tenant, period.start, period.end,
      [&statistics](const v1::Case& c) { statistics.Add(c); }));
  return statistics.Build();
}

grpc::Status FeedbackService::GetCaseStatistics(
    grpc::ServerContext* context, const v1::GetCaseStatisticsRequest* r,
    v1::CaseStatistics* out) {
  return HandleCall(*context, "GetCaseStatistics", *authorizer_, kCaseReaders,
                    [&](const Principal& p) {
                      return AssignTo(DoGetCaseStatistics(p, *r), out);
                    });
}

grpc::Status FeedbackService::ListCases(grpc::ServerContext* context,
                                        const v1::ListCasesRequest* r,
                                        v1::ListCasesResponse* out) {
  return HandleCall(*context, "ListCases", *authorizer_, kCaseReaders,
                    [&](const Principal& p) {
                      return AssignTo(DoListCases(p, *r), out);
                    });
}

absl::StatusOr<v1::Case> FeedbackService::DoUpdateCase(
    const Principal& caller, const v1::UpdateCaseRequest& r) {
  ASSIGN_OR_RETURN(std::string id, CaseIdOf("case.name", r.case_().name()));
  RETURN_IF_ERROR(ValidateUpdateMask(r.update_mask(), UpdatableCaseFields()));
  std::set<std::string> paths(r.update_mask().paths().begin(),
                              r.update_mask().paths().end());
  if (paths.empty()) paths = UpdatableCaseFields();
  const v1::Case& patch = r.case_();
  FieldViolations v;
  if (paths.count("state") &&
      (patch.state() == v1::Case::STATE_UNSPECIFIED ||
       !v1::Case::State_IsValid(patch.state()))) {
    v.Add("case.state", "must be OPEN, IN_PROGRESS, RESOLVED or CLOSED");
  }
  if (paths.count("priority") &&
      (patch.priority() == v1::CASE_PRIORITY_UNSPECIFIED ||
       !v1::CasePriority_IsValid(patch.priority()))) {
    v.Add("case.priority", "must be LOW, MEDIUM, HIGH or URGENT");
  }
  if (paths.count("owner") && !patch.owner().empty() &&
      !IsCaseOwner(patch.owner())) {
    v.Add("case.owner", kCaseOwnerRule);
  }
  if (paths.count("root_cause") && !patch.root_cause().empty() &&
      !IsTopicName(patch.root_cause())) {
    v.Add("case.root_cause",
          "must be [a-z0-9_]{1,40}, a topic such as billing or a code of "
          "the tenant's own");
  }
  if (r.note().size() > kMaxNote) {
    v.Add("note", "must be at most 4000 characters");
  }
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(const auto policy, PolicyFor(caller.tenant));
  const absl::Time now = clock_->Now();
  const std::string actor = caller.subject.empty() ? "unknown" : caller.subject;
  ASSIGN_OR_RETURN(
      v1::Case updated,
      cases_->Mutate(
          caller.tenant, id, patch.etag(), actor, v1::CaseEvent::KIND_UPDATED,
          [&](v1::Case& c) -> absl::StatusOr<bool> {
            const v1::Case before = c;
            if (paths.count("state")) {
              RETURN_IF_ERROR(TransitionCase(patch.state(), now, &c));
            }
            if (paths.count("owner")) c.set_owner(patch.owner());
            if (paths.count("priority")) c.set_priority(patch.priority());
            if (paths.count("root_cause")) c.set_root_cause(patch.root_cause());
            // Asked for when the case is resolved or closed, or would lose
            // its root cause; a note on a case resolved before the policy
            // asked is still fine.
            if (policy->require_root_cause() && c.root_cause().empty() &&
                IsResolved(c) &&
                (!IsResolved(before) || !before.root_cause().empty())) {
              return FailedPrecondition(
                  "ROOT_CAUSE_REQUIRED", CaseName(id),
                  "the tenant's closed-loop policy asks for a root_cause to "
                  "resolve or close a case");
            }
            if (!r.note().empty()) {
              v1::CaseNote* note = c.add_notes();
              note->set_author(actor);
              note->set_text(r.note());
              *note->mutable_create_time() = ToProto(now);
            }
            return before.SerializeAsString() != c.SerializeAsString();
          }));
  case_events_.NotifyAll();
  return Presented(std::move(updated));
}

grpc::Status FeedbackService::UpdateCase(grpc::ServerContext* context,
                                         const v1::UpdateCaseRequest* r,
                                         v1::Case* out) {
  return HandleCall(*context, "UpdateCase", *authorizer_, kCaseWorkers,
                    [&](const Principal& p) {
                      return AssignTo(DoUpdateCase(p, *r), out);
                    });
}

grpc::Status FeedbackService::ListCaseEvents(
    grpc::ServerContext* context, const v1::ListCaseEventsRequest* r,
    v1::ListCaseEventsResponse* out) {
  return HandleCall(
      *context, "ListCaseEvents", *authorizer_, kCaseReaders,
      [&](const Principal& p) -> absl::Status {
        ASSIGN_OR_RETURN(std::string id, CaseIdOf("parent", r->parent()));
        ASSIGN_OR_RETURN(const int limit, EffectivePageSize(r->page_size()));
        const uint64_t fingerprint = Fnv1a64(r->parent(), Fnv1a64("events"));
        ASSIGN_OR_RETURN(std::string after,
                         DecodePageToken(r->page_token(), fingerprint));
        int64_t after_sequence = 0;
        if (!after.empty() && !absl::SimpleAtoi(after, &after_sequence)) {
          return InvalidField("page_token", "is not a token this list returned");
        }
        // A case of another tenant (or none) has no history to show.
        RETURN_IF_ERROR(cases_->Get(p.tenant, id).status());
        ASSIGN_OR_RETURN(auto events, cases_->CaseEventsAfter(
                                          p.tenant, id, after_sequence, limit + 1));
        const bool more = static_cast<int>(events.size()) > limit;
        if (more) events.pop_back();
        for (auto& e : events) *out->add_events() = std::move(e);
        if (more) {
          out->set_next_page_token(EncodePageToken(
              absl::StrCat(out->events(out->events_size() - 1).sequence()),
              fingerprint));
        }
        return absl::OkStatus();
      });
}

absl::Status FeedbackService::DoWatchCases(
    const Principal& caller, const grpc::ServerContext& context,
    const v1::WatchCasesRequest& r, grpc::ServerWriter<v1::CaseEvent>* writer) {
  if (r.after_sequence() < 0) {
    return InvalidField("after_sequence", "must not be negative");
  }
  if (!r.owner().empty() && !IsCaseOwner(r.owner())) {
    return InvalidField("owner", kCaseOwnerRule);
  }
  // A case the owner holds after the event or held before it.
  auto concerns_owner = [&r](const v1::CaseEvent& event) {
    return r.owner().empty() || event.case_().owner() == r.owner() ||
           event.previous_owner() == r.owner();
  };
  int64_t cursor = r.after_sequence();
  while (!context.IsCancelled()) {
    // Read the generation before querying, so an event committed between
    // the query and the wait still wakes this watcher.
    const uint64_t seen = case_events_.generation();
    if (stopping_) {
      return WithReason(absl::UnavailableError(
                            "server is shutting down; reconnect with "
                            "after_sequence set to the last event seen"),
                        "SHUTTING_DOWN");
    }
    ASSIGN_OR_RETURN(auto events, cases_->EventsAfter(caller.tenant, cursor, 100));
    for (v1::CaseEvent& event : events) {
      if (concerns_owner(event)) {
        *event.mutable_case_() = Presented(std::move(*event.mutable_case_()));
        if (!writer->Write(event)) return absl::OkStatus();  // client left
      }
      cursor = event.sequence();
    }
    if (events.empty()) {
      // Wake for this process's events at once, for other replicas' at the
      // next poll; look at cancellation often (the sync API has no callback).
      const absl::Time poll_at = clock_->Now() + watch_poll_;
      while (case_events_.generation() == seen && !context.IsCancelled() &&
             !stopping_ && clock_->Now() < poll_at) {
        case_events_.WaitAfter(seen, absl::Milliseconds(100));
      }
    }
  }
  return absl::CancelledError("the client cancelled the stream");
}

grpc::Status FeedbackService::WatchCases(
    grpc::ServerContext* context, const v1::WatchCasesRequest* r,
    grpc::ServerWriter<v1::CaseEvent>* writer) {
  return HandleStreamingCall(*context, "WatchCases", *authorizer_, kCaseReaders,
                    [&](const Principal& p) {
                      return DoWatchCases(p, *context, *r, writer);
                    });
}

grpc::Status FeedbackService::GetClosedLoopPolicy(
    grpc::ServerContext* context, const v1::GetClosedLoopPolicyRequest*,
    v1::ClosedLoopPolicy* out) {
  return HandleCall(*context, "GetClosedLoopPolicy", *authorizer_, kCaseReaders,
                    [&](const Principal& p) -> absl::Status {
                      ASSIGN_OR_RETURN(const auto policy, PolicyFor(p.tenant));
                      *out = *policy;
                      return absl::OkStatus();
                    });
}

grpc::Status FeedbackService::UpdateClosedLoopPolicy(
    grpc::ServerContext* context, const v1::UpdateClosedLoopPolicyRequest* r,
    v1::ClosedLoopPolicy* out) {
  return HandleCall(
      *context, "UpdateClosedLoopPolicy", *authorizer_, kPolicyWriters,
      [&](const Principal& p) -> absl::Status {
        RETURN_IF_ERROR(ValidatePolicy(r->policy()));
        RETURN_IF_ERROR(cases_->SetPolicy(p.tenant, r->policy(), clock_->Now()));
        policies_.Erase(p.tenant);
        *out = r->policy();
        return absl::OkStatus();
      });
}

}  // namespace cx::feedback
