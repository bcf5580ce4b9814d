#include "services/feedback/outbox/outbox_relay.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/grpc/metadata.h"
#include "common/grpc/status_conversion.h"
#include "common/log.h"
#include "common/mysql/placeholders.h"
#include "common/mysql/sql_time.h"
#include "common/proto_time.h"
#include "services/feedback/outbox/metric_events.h"

namespace cx::feedback {
namespace {

// cx-metrics' RecordObservations takes at most this many events per call.
constexpr int kMaxEventsPerCall = 1000;

struct OutboxRow {
  std::string tenant, id, type, payload, create_time;
};

// One RecordObservations call: whole outbox rows, each with where its
// events are in the request.
struct Call {
  struct Row {
    const OutboxRow* row;
    int first;
    int count;
  };
  metrics::v1::RecordObservationsRequest request;
  std::vector<Row> rows;
};

void DeleteRows(Session& s, const std::string& tenant,
                const std::vector<const OutboxRow*>& rows) {
  if (rows.empty()) return;
  std::vector<SqlValue> params = {tenant};
  for (const OutboxRow* r : rows) params.push_back(r->id);
  s.Execute(absl::StrCat("DELETE FROM outbox WHERE tenant_id = ? AND id IN (",
                         Placeholders(rows.size()), ")"),
            params);
}

void Bury(Session& s, const OutboxRow& row, const std::string& error,
          absl::Time now) {
  s.ExecuteArgs(
      "INSERT INTO outbox_dead_letters (tenant_id, id, event_type, payload, "
      "create_time, error, dead_time) VALUES (?, ?, ?, ?, ?, ?, ?) "
      "ON DUPLICATE KEY UPDATE error = VALUES(error)",
      row.tenant, row.id, row.type, row.payload, row.create_time,
      error.substr(0, 1000), ToSqlDatetime(now));
  DeleteRows(s, row.tenant, {&row});
}

}  // namespace

OutboxRelay::OutboxRelay(
    ConnectionPool* pool,
    std::unique_ptr<metrics::v1::MetricsService::StubInterface> metrics,
    TokenSource tokens, const Clock* clock, Options options)
    : pool_(pool),
      metrics_(std::move(metrics)),
      tokens_(std::move(tokens)),
      clock_(clock),
      options_(options) {}

OutboxRelay::~OutboxRelay() { Stop(); }

void OutboxRelay::Start() { thread_ = std::thread([this] { Loop(); }); }

void OutboxRelay::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void OutboxRelay::Notify() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    notified_ = true;
  }
  wake_.notify_all();
}

absl::StatusOr<int> OutboxRelay::DeliverOnce() {
  // Calls cx-metrics as `tenant`.
  auto send = [&](const std::string& tenant,
                  const metrics::v1::RecordObservationsRequest& request) {
    absl::StatusOr<std::string> token = tokens_(tenant);
    if (!token.ok()) return token.status();
    auto context = MakeClientContext(*token, options_.call_timeout);
    metrics::v1::RecordObservationsResponse response;
    return FromGrpcStatus(metrics_->RecordObservations(context.get(), request, &response));
  };
  absl::Status failure;
  int removed = 0;
  bool full = false;
  const absl::Status status = pool_->Transact([&](Session& s) -> absl::Status {
    failure = absl::OkStatus();
    removed = 0;
    std::vector<OutboxRow> rows;
    auto rs = s.QueryArgs(
        "SELECT tenant_id, id, event_type, payload, create_time FROM outbox "
        "ORDER BY create_time, id LIMIT ? FOR UPDATE SKIP LOCKED",
        options_.batch_size);
    while (rs->next()) {
      rows.push_back({rs->getString("tenant_id").asStdString(),
                      rs->getString("id").asStdString(),
                      rs->getString("event_type").asStdString(),
                      GetBytes(*rs, "payload"),
                      rs->getString("create_time").asStdString()});
    }
    full = static_cast<int>(rows.size()) >= options_.batch_size;
    // Tenant by tenant (each call carries one tenant's token), each in
    // outbox order, in calls of whole rows.
    std::map<std::string, std::vector<const OutboxRow*>> by_tenant;
    for (const OutboxRow& row : rows) by_tenant[row.tenant].push_back(&row);
    for (const auto& [tenant, tenant_rows] : by_tenant) {
      std::vector<const OutboxRow*> done;
      std::vector<Call> calls(1);
      for (const OutboxRow* row : tenant_rows) {
        auto events = ToMetricEvents(row->id, row->type, row->payload);
        if (!events.ok()) {
          Bury(s, *row, events.status().ToString(), clock_->Now());
          ++removed;
          continue;
        }
        if (events->empty()) {  // nothing for metrics
          done.push_back(row);
          ++removed;
          continue;
        }
        if (calls.back().request.events_size() + events->size() >
            kMaxEventsPerCall) {
          calls.emplace_back();
        }
        Call& call = calls.back();
        call.rows.push_back({row, call.request.events_size(),
                             static_cast<int>(events->size())});
        for (auto& e : *events) *call.request.add_events() = std::move(e);
      }
      for (const Call& call : calls) {
        if (call.rows.empty()) continue;
        absl::Status result = send(tenant, call.request);
        if (absl::IsInvalidArgument(result)) {
          // One bad event must not hold up the rest: send them one by one
          // and park the rows of those refused.
          result = absl::OkStatus();
          for (const Call::Row& sent : call.rows) {
            std::string refused;
            for (int i = sent.first; i < sent.first + sent.count && result.ok();
                 ++i) {
              metrics::v1::RecordObservationsRequest single;
              *single.add_events() = call.request.events(i);
              const absl::Status one = send(tenant, single);
              if (absl::IsInvalidArgument(one)) {
                if (refused.empty()) refused = one.ToString();
              } else {
                result = one;
              }
            }
            if (!result.ok()) break;
            if (refused.empty()) {
              done.push_back(sent.row);
            } else {  // its other events were delivered (once, by event id)
              Bury(s, *sent.row, refused, clock_->Now());
            }
            removed += sent.count;
          }
        } else if (result.ok()) {
          for (const Call::Row& sent : call.rows) {
            done.push_back(sent.row);
            removed += sent.count;
          }
        }
        if (!result.ok()) {
          failure = result;
          break;
        }
      }
      DeleteRows(s, tenant, done);
      if (!failure.ok()) break;
    }
    return absl::OkStatus();
  });
  std::lock_guard<std::mutex> lock(mu_);
  if (!status.ok()) {
    last_error_ = status.ToString();
    return status;
  }
  delivered_ += removed;
  last_batch_full_ = full;
  if (removed > 0) last_delivery_ = clock_->Now();
  if (!failure.ok()) {
    last_error_ = failure.ToString();
    return failure;
  }
  last_error_.clear();
  return removed;
}

void OutboxRelay::Loop() {
  absl::Duration backoff = absl::ZeroDuration();
  for (;;) {
    absl::StatusOr<int> delivered = DeliverOnce();
    absl::Duration wait;
    if (!delivered.ok()) {
      if (backoff == absl::ZeroDuration()) {
        LogWarning("outbox relay: delivery failed, backing off",
                   {{"error", delivered.status().ToString()}});
      }
      backoff = std::clamp(backoff * 2, options_.min_backoff, options_.max_backoff);
      wait = backoff;
    } else {
      if (backoff > absl::ZeroDuration()) LogInfo("outbox relay: delivering again");
      backoff = absl::ZeroDuration();
    }
    std::unique_lock<std::mutex> lock(mu_);
    // A full batch of rows: more are likely waiting.
    if (delivered.ok()) {
      wait = last_batch_full_ ? absl::ZeroDuration() : options_.poll_interval;
    }
    if (wait > absl::ZeroDuration()) {
      // Notifications can cut a poll short, but neither a backoff nor the
      // coalescing pause.
      const absl::Duration pause =
          backoff > absl::ZeroDuration() ? wait : std::min(wait, options_.coalesce);
      wake_.wait_for(lock, absl::ToChronoNanoseconds(pause), [&] { return stopping_; });
      wake_.wait_for(lock, absl::ToChronoNanoseconds(wait - pause),
                     [&] { return stopping_ || notified_; });
    }
    notified_ = false;
    if (stopping_) return;
  }
}

absl::StatusOr<v1::OutboxStatus> OutboxRelay::Status() {
  v1::OutboxStatus out;
  out.set_relay_enabled(true);
  const absl::Time now = clock_->Now();
  const absl::Status status = pool_->Run([&](Session& s) -> absl::Status {
    auto rs = s.Query("SELECT COUNT(*) AS n, MIN(create_time) AS oldest FROM outbox", {});
    if (rs->next()) {
      out.set_pending_events(rs->getInt64("n"));
      if (!rs->isNull("oldest")) {
        const absl::Duration age =
            now - FromSqlDatetime(rs->getString("oldest").asStdString());
        out.mutable_oldest_pending_age()->set_seconds(
            absl::ToInt64Seconds(std::max(age, absl::ZeroDuration())));
      }
    }
    auto dead = s.Query("SELECT COUNT(*) AS n FROM outbox_dead_letters", {});
    if (dead->next()) out.set_dead_letters(dead->getInt64("n"));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  std::lock_guard<std::mutex> lock(mu_);
  out.set_delivered_events(delivered_);
  if (last_delivery_ != absl::InfinitePast()) {
    *out.mutable_last_delivery_time() = ToProto(last_delivery_);
  }
  out.set_last_error(last_error_);
  return out;
}

}  // namespace cx::feedback
