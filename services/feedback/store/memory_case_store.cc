#include "services/feedback/store/memory_case_store.h"

#include <algorithm>
#include <set>

#include "common/proto_time.h"
#include "common/status/errors.h"
#include "services/feedback/domain/closed_loop.h"
#include "services/feedback/store/resource_names.h"

namespace cx::feedback {

void MemoryCaseStore::AppendEvent(const std::string& tenant, const v1::Case& c,
                                  const std::string& previous_owner,
                                  const std::string& actor,
                                  v1::CaseEvent::Kind kind) {
  auto& events = events_[tenant];
  v1::CaseEvent event;
  event.set_sequence(++last_sequence_[tenant]);
  event.set_kind(kind);
  event.set_actor(actor);
  *event.mutable_case_() = c;
  if (previous_owner != c.owner()) event.set_previous_owner(previous_owner);
  *event.mutable_create_time() = ToProto(clock_->Now());
  events.push_back(std::move(event));
}

void MemoryCaseStore::Open(const std::string& tenant, const std::string& id,
                           v1::Case c) {
  std::lock_guard<std::mutex> lock(mu_);
  c.set_name(CaseName(id));
  c.set_etag(CaseEtag(1));
  cases_[{tenant, id}] = {c, 1};
  AppendEvent(tenant, c, c.owner(), "system", v1::CaseEvent::KIND_OPENED);
}

absl::StatusOr<v1::Case> MemoryCaseStore::Get(const std::string& tenant,
                                              const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cases_.find({tenant, id});
  if (it == cases_.end()) return NotFound("cx.feedback.v1.Case", CaseName(id));
  return it->second.first;
}

absl::StatusOr<CasePage> MemoryCaseStore::List(const std::string& tenant,
                                               const CaseListQuery& q) {
  std::lock_guard<std::mutex> lock(mu_);
  // The tenant's cases in the list's order, from where the page starts.
  std::vector<const v1::Case*> ordered;
  for (auto it = cases_.lower_bound({tenant, ""});
       it != cases_.end() && it->first.first == tenant; ++it) {
    ordered.push_back(&it->second.first);
  }
  // (Due times compare in whole microseconds, as MySQL stores them.)
  const auto key = [&q](const v1::Case& c) {
    return std::make_pair(
        q.by_due_time ? absl::ToUnixMicros(FromProto(c.due_time())) : 0,
        FinalIdOf(c.name()));
  };
  std::stable_sort(ordered.begin(), ordered.end(),
                   [&](const v1::Case* a, const v1::Case* b) {
                     return key(*a) < key(*b);
                   });
  const auto after = std::make_pair(
      q.by_due_time ? absl::ToUnixMicros(q.after_due_time) : 0, q.after_id);
  CasePage page;
  for (const v1::Case* stored : ordered) {
    const v1::Case& c = *stored;
    if (!q.after_id.empty() && !(after < key(c))) continue;
    if ((q.state && c.state() != *q.state) ||
        (q.priority && c.priority() != *q.priority) ||
        (q.owner && c.owner() != *q.owner) ||
        (q.root_cause && c.root_cause() != *q.root_cause) ||
        (q.customer_id && c.customer_id() != *q.customer_id) ||
        (q.overdue && IsOverdue(c, q.now) != *q.overdue) ||
        (q.opened_from && FromProto(c.create_time()) < *q.opened_from) ||
        (q.opened_before && FromProto(c.create_time()) >= *q.opened_before)) {
      continue;
    }
    if (static_cast<int>(page.cases.size()) == q.limit) {
      page.more = true;
      break;
    }
    page.cases.push_back(c);
  }
  return page;
}

absl::Status MemoryCaseStore::ForEachCaseOpened(
    const std::string& tenant, absl::Time from, absl::Time before,
    absl::FunctionRef<void(const v1::Case&)> visit) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = cases_.lower_bound({tenant, ""});
       it != cases_.end() && it->first.first == tenant; ++it) {
    const absl::Time opened = FromProto(it->second.first.create_time());
    if (opened >= from && opened < before) visit(it->second.first);
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Case> MemoryCaseStore::Mutate(
    const std::string& tenant, const std::string& id, const std::string& etag,
    const std::string& actor, v1::CaseEvent::Kind kind,
    absl::FunctionRef<absl::StatusOr<bool>(v1::Case&)> change) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cases_.find({tenant, id});
  if (it == cases_.end()) return NotFound("cx.feedback.v1.Case", CaseName(id));
  auto& [stored, revision] = it->second;
  if (!etag.empty() && etag != stored.etag()) return EtagMismatch(stored.name());
  v1::Case c = stored;
  absl::StatusOr<bool> changed = change(c);
  if (!changed.ok()) return changed.status();
  if (!*changed) return stored;
  *c.mutable_update_time() = ToProto(clock_->Now());
  c.set_etag(CaseEtag(++revision));
  const std::string previous_owner = stored.owner();
  stored = c;
  AppendEvent(tenant, c, previous_owner, actor, kind);
  return c;
}

absl::StatusOr<std::vector<v1::CaseEvent>> MemoryCaseStore::EventsAfter(
    const std::string& tenant, int64_t after, int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<v1::CaseEvent> out;
  for (const auto& e : events_[tenant]) {
    if (e.sequence() > after && static_cast<int>(out.size()) < limit) {
      out.push_back(e);
    }
  }
  return out;
}

absl::StatusOr<std::vector<v1::CaseEvent>> MemoryCaseStore::CaseEventsAfter(
    const std::string& tenant, const std::string& case_id, int64_t after,
    int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<v1::CaseEvent> out;
  for (const auto& e : events_[tenant]) {
    if (e.case_().name() == CaseName(case_id) && e.sequence() > after &&
        static_cast<int>(out.size()) < limit) {
      out.push_back(e);
    }
  }
  return out;
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>>
MemoryCaseStore::FindOverdue(absl::Time now, int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, value] : cases_) {
    if (IsOverdue(value.first, now) && static_cast<int>(out.size()) < limit) {
      out.push_back(key);
    }
  }
  return out;
}

absl::StatusOr<std::optional<v1::ClosedLoopPolicy>> MemoryCaseStore::GetPolicy(
    const std::string& tenant) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = policies_.find(tenant);
  if (it == policies_.end()) return std::nullopt;
  return it->second;
}

absl::Status MemoryCaseStore::SetPolicy(const std::string& tenant,
                                        const v1::ClosedLoopPolicy& policy,
                                        absl::Time) {
  std::lock_guard<std::mutex> lock(mu_);
  policies_[tenant] = policy;
  return absl::OkStatus();
}

std::pair<int64_t, int64_t> MemoryCaseStore::EraseCustomer(
    const std::string& tenant, const std::string& customer_id) {
  std::lock_guard<std::mutex> lock(mu_);
  std::set<std::string> names;
  for (auto it = cases_.begin(); it != cases_.end();) {
    if (it->first.first == tenant &&
        it->second.first.customer_id() == customer_id) {
      names.insert(it->second.first.name());
      it = cases_.erase(it);
    } else {
      ++it;
    }
  }
  // Sequences stay as they were: a gap is harmless to WatchCases resumption.
  auto& events = events_[tenant];
  const size_t before = events.size();
  events.erase(std::remove_if(events.begin(), events.end(),
                              [&](const v1::CaseEvent& e) {
                                return names.count(e.case_().name()) > 0;
                              }),
               events.end());
  return {static_cast<int64_t>(names.size()),
          static_cast<int64_t>(before - events.size())};
}

}  // namespace cx::feedback
