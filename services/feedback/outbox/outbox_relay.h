// Delivers cx-feedback's outbox to cx-metrics at least once: oldest events
// first, in batches per tenant, deleted only after cx-metrics acknowledged
// them (it is idempotent by event id), with exponential backoff while it is
// unreachable. Replicas share the work: each batch is locked with SKIP LOCKED.
#ifndef CX_SERVICES_FEEDBACK_OUTBOX_OUTBOX_RELAY_H_
#define CX_SERVICES_FEEDBACK_OUTBOX_OUTBOX_RELAY_H_

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "common/clock.h"
#include "common/mysql/connection_pool.h"
#include "cx/feedback/v1/feedback_service.pb.h"
#include "cx/metrics/v1/metrics_service.grpc.pb.h"

namespace cx::feedback {

class OutboxRelay {
 public:
  struct Options {
    // Outbox rows per delivery; a row holds up to 500 events (a group
    // commit's or an import batch's), sent in calls of up to 1000.
    int batch_size = 100;
    absl::Duration poll_interval = absl::Milliseconds(200);
    // Least time between deliveries that did not fill a batch, however often
    // writes notify: events coalesce into batches instead of one call each.
    absl::Duration coalesce = absl::Milliseconds(20);
    absl::Duration min_backoff = absl::Milliseconds(100);
    absl::Duration max_backoff = absl::Seconds(30);
    absl::Duration call_timeout = absl::Seconds(10);
  };
  // A bearer token for calling cx-metrics as `tenant` (role ingest).
  using TokenSource =
      std::function<absl::StatusOr<std::string>(const std::string& tenant)>;

  OutboxRelay(ConnectionPool* pool,
              std::unique_ptr<metrics::v1::MetricsService::StubInterface> metrics,
              TokenSource tokens, const Clock* clock, Options options);
  ~OutboxRelay();

  // Runs the delivery loop on its own thread until Stop.
  void Start();
  void Stop();
  // Wakes the loop (new events were committed).
  void Notify();

  // Delivers up to one batch of rows; returns how many events left the
  // outbox (delivered, parked, or of no interest to metrics).
  // UNAVAILABLE (or cx-metrics' error) when delivery failed; what was
  // delivered before the failure is still removed.
  absl::StatusOr<int> DeliverOnce();

  absl::StatusOr<v1::OutboxStatus> Status();

 private:
  void Loop();

  ConnectionPool* pool_;
  std::unique_ptr<metrics::v1::MetricsService::StubInterface> metrics_;
  TokenSource tokens_;
  const Clock* clock_;
  const Options options_;

  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool notified_ = false;
  std::thread thread_;
  int64_t delivered_ = 0;
  bool last_batch_full_ = false;  // the last delivery took batch_size rows
  absl::Time last_delivery_ = absl::InfinitePast();
  std::string last_error_;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_OUTBOX_OUTBOX_RELAY_H_
