// Server bootstrap shared by every cxp service: listening port, health (per
// service, tied to a readiness probe such as store reachability), reflection
// that can also describe the health service, channelz, and graceful shutdown.
#ifndef CX_COMMON_SERVER_SERVER_RUNNER_H_
#define CX_COMMON_SERVER_SERVER_RUNNER_H_

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/server.h"

namespace cx {

struct ServerOptions {
  std::string listen = "127.0.0.1:0";
  // gRPC service names (e.g. "cx.feedback.v1.FeedbackService") whose health
  // follows `ready`; the overall status ("") does too.
  std::vector<std::string> health_names;
  // Polled every `probe_interval`; SERVING while it returns OK.
  std::function<absl::Status()> ready;
  absl::Duration probe_interval = absl::Seconds(1);
  // Sync-server threads kept polling between calls. gRPC's default (2) makes
  // every thread past the second exit after its call and a new one start for
  // the next: measurable churn when dozens of calls wait on the database.
  int max_pollers = 64;
};

class ServerRunner {
 public:
  // Builds and starts the server. UNAVAILABLE when the address can't be bound.
  // `services` must outlive the runner.
  static absl::StatusOr<std::unique_ptr<ServerRunner>> Start(
      ServerOptions options, const std::vector<grpc::Service*>& services);
  ~ServerRunner();

  int port() const { return port_; }
  grpc::Server& server() { return *server_; }

  // Reports NOT_SERVING, then lets in-flight calls finish for up to `grace`
  // before cancelling them. Idempotent.
  void Shutdown(absl::Duration grace);

 private:
  ServerRunner() = default;
  void ProbeLoop();

  ServerOptions options_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::thread prober_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

// Blocks SIGINT and SIGTERM in the calling thread and every thread it creates
// afterwards; call first thing in main, before gRPC starts threads.
void BlockTerminationSignals();

// Waits for SIGINT or SIGTERM (blocked beforehand); returns its name.
std::string WaitForTerminationSignal();

// Writes `port` to `path` atomically (write + rename). No-op for "".
absl::Status WritePortFile(const std::string& path, int port);

}  // namespace cx

#endif  // CX_COMMON_SERVER_SERVER_RUNNER_H_
