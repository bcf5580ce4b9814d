#include "services/metrics/store/observation_writer.h"

#include <map>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/mysql/placeholders.h"
#include "common/mysql/sql_time.h"
#include "services/metrics/domain/calendar.h"
#include "services/metrics/store/facts.h"
#include "services/metrics/store/rollup_deltas.h"

namespace cx::metrics {

TenantRevision LockTenant(Session& s, const std::string& tenant) {
  s.ExecuteArgs(
      "INSERT INTO metric_tenants (tenant_id, revision) VALUES (?, 1) "
      "ON DUPLICATE KEY UPDATE revision = revision + 1",
      tenant);
  auto rs = s.QueryArgs(
      "SELECT revision, time_zone FROM metric_tenants WHERE tenant_id = ?",
      tenant);
  TenantRevision out;
  if (rs->next()) {
    out.revision = rs->getInt64("revision");
    out.time_zone = rs->getString("time_zone").asStdString();
  }
  return out;
}

absl::StatusOr<RecordCounts> ObservationWriter::Record(
    const std::string& tenant, const google::protobuf::RepeatedPtrField<v1::MetricEvent>& events,
    absl::Time now) {
  RecordCounts counts;
  const absl::Status status = pool_->Transact([&](Session& s) -> absl::Status {
    counts = RecordCounts();
    const TenantRevision tenant_row = LockTenant(s, tenant);
    const RollupSets pairs = ReadRollupSets(s, tenant, /*ready_only=*/false);
    absl::TimeZone zone;
    if (!absl::LoadTimeZone(tenant_row.time_zone, &zone)) zone = absl::UTCTimeZone();

    // Which events are new (the tenant lock makes this check race-free).
    std::vector<SqlValue> params = {tenant};
    for (const v1::MetricEvent& e : events) params.push_back(e.event_id());
    absl::flat_hash_set<std::string> seen;
    {
      auto rs = s.Query(absl::StrCat("SELECT event_id FROM metric_events WHERE "
                                     "tenant_id = ? AND event_id IN (",
                                     Placeholders(events.size()), ")"),
                        params);
      while (rs->next()) seen.insert(rs->getString("event_id").asStdString());
    }
    std::vector<const v1::MetricEvent*> fresh;
    for (const v1::MetricEvent& e : events) {
      if (!seen.insert(e.event_id()).second) {
        ++counts.duplicates;
        continue;
      }
      fresh.push_back(&e);
    }
    counts.recorded = static_cast<int>(fresh.size());
    if (fresh.empty()) return absl::OkStatus();

    // The current facts of every source the new events touch.
    absl::flat_hash_set<std::string> sources;
    for (const v1::MetricEvent* e : fresh) {
      if (e->has_observation()) sources.insert(e->observation().source());
      for (const std::string& src : e->retraction().sources()) sources.insert(src);
    }
    absl::flat_hash_map<std::string, std::vector<Fact>> current;
    {
      std::vector<SqlValue> p = {tenant};
      for (const std::string& src : sources) p.push_back(src);
      auto rs = s.Query(absl::StrCat("SELECT ", kFactColumns,
                                     " FROM metric_facts WHERE tenant_id = ? "
                                     "AND source IN (",
                                     Placeholders(sources.size()), ")"),
                        p);
      while (rs->next()) {
        Fact f = ReadFact(*rs);
        current[f.source].push_back(std::move(f));
      }
    }
    // Sources retracted for good: later observations of them are ignored.
    absl::flat_hash_set<std::string> retracted;
    {
      std::vector<SqlValue> p = {tenant};
      for (const std::string& src : sources) p.push_back(src);
      auto rs = s.Query(absl::StrCat("SELECT source FROM metric_retracted_sources "
                                     "WHERE tenant_id = ? AND source IN (",
                                     Placeholders(sources.size()), ")"),
                        p);
      while (rs->next()) retracted.insert(rs->getString("source").asStdString());
    }
    std::vector<std::string> newly_retracted;
    std::vector<std::string> stored_before;
    for (const auto& [src, facts] : current) stored_before.push_back(src);

    // Replay the events in order on `current`, collecting rollup deltas.
    RollupDeltas deltas;
    std::map<std::string, std::pair<int, int>> questions;  // scale by question
    std::map<std::string, int> question_kind;
    for (const v1::MetricEvent* e : fresh) {
      std::vector<std::string> gone;
      if (e->has_observation()) {
        gone.push_back(e->observation().source());
      } else {
        gone.assign(e->retraction().sources().begin(),
                    e->retraction().sources().end());
      }
      for (const std::string& src : gone) {
        auto it = current.find(src);
        if (it == current.end()) continue;
        for (const Fact& f : it->second) deltas.Add(f, -1, pairs);
        current.erase(it);
      }
      if (!e->has_observation()) {
        for (const std::string& src : gone) {
          if (retracted.insert(src).second) newly_retracted.push_back(src);
        }
        continue;
      }
      if (retracted.contains(e->observation().source())) continue;
      std::vector<Fact> facts = FactsOf(e->observation(), zone);
      for (const Fact& f : facts) deltas.Add(f, +1, pairs);
      current[e->observation().source()] = std::move(facts);
      for (const v1::ObservedScore& sc : e->observation().scores()) {
        questions[sc.question()] = {sc.scale_min(), sc.scale_max()};
        question_kind[sc.question()] = sc.kind();
      }
    }

    if (!stored_before.empty()) {
      std::vector<SqlValue> p = {tenant};
      for (const std::string& src : stored_before) p.push_back(src);
      s.Execute(absl::StrCat("DELETE FROM metric_facts WHERE tenant_id = ? "
                             "AND source IN (",
                             Placeholders(stored_before.size()), ")"),
                p);
    }
    std::vector<const Fact*> facts;
    for (const auto& [src, list] : current) {
      for (const Fact& f : list) facts.push_back(&f);
    }
    InsertRows(s,
               "INSERT INTO metric_facts (tenant_id, source, question, "
               "type_series, day, observe_time, score, channel, touchpoint, "
               "team, agent, survey) VALUES ",
               "", 12, facts, [&](const Fact* f, std::vector<SqlValue>* p) {
                 p->insert(p->end(),
                           {tenant, f->source, f->question, f->type_series,
                            SqlDate(f->day), ToSqlDatetime(f->observe_time),
                            int64_t{f->score}, f->values[0], f->values[1],
                            f->values[2], f->values[3], f->values[4]});
               });

    deltas.Write(s, tenant, tenant_row.revision);

    std::vector<std::string> names;
    for (const auto& [q, scale] : questions) names.push_back(q);
    InsertRows(s,
               "INSERT INTO metric_questions (tenant_id, question, kind, "
               "scale_min, scale_max) VALUES ",
               " ON DUPLICATE KEY UPDATE question = question", 5, names,
               [&](const std::string& q, std::vector<SqlValue>* p) {
                 p->insert(p->end(),
                           {tenant, q, int64_t{question_kind[q]},
                            int64_t{questions[q].first},
                            int64_t{questions[q].second}});
               });
    InsertRows(s,
               "INSERT INTO metric_retracted_sources (tenant_id, source, "
               "retract_time) VALUES ",
               "", 3, newly_retracted,
               [&](const std::string& src, std::vector<SqlValue>* p) {
                 p->insert(p->end(), {tenant, src, ToSqlDatetime(now)});
               });
    InsertRows(s,
               "INSERT INTO metric_events (tenant_id, event_id, record_time) "
               "VALUES ",
               "", 3, fresh,
               [&](const v1::MetricEvent* e, std::vector<SqlValue>* p) {
                 p->insert(p->end(), {tenant, e->event_id(), ToSqlDatetime(now)});
               });
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return counts;
}

}  // namespace cx::metrics
