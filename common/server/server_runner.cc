#include "common/server/server_runner.h"

#include <csignal>
#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "common/log.h"
#include "grpc/health/v1/health.pb.h"
#include "grpcpp/ext/channelz_service_plugin.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"

namespace cx {

absl::StatusOr<std::unique_ptr<ServerRunner>> ServerRunner::Start(
    ServerOptions options, const std::vector<grpc::Service*>& services) {
  // Debian's Abseil checks every absl::Mutex acquisition (gRPC's included)
  // for lock-order cycles, a debugging aid that costs a few percent of CPU
  // on busy servers.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  // gRPC's built-in health service has no C++ descriptor; touching the
  // vendored one keeps it linked so reflection can describe grpc.health.v1.
  (void)grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::channelz::experimental::InitChannelzService();

  std::unique_ptr<ServerRunner> runner(new ServerRunner);
  runner->options_ = std::move(options);
  grpc::ServerBuilder builder;
  // TLS is configuration: plaintext is for loopback and in-cluster meshes.
  builder.AddListeningPort(runner->options_.listen,
                           grpc::InsecureServerCredentials(), &runner->port_);
  builder.SetMaxReceiveMessageSize(8 << 20);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              runner->options_.max_pollers);
  for (grpc::Service* service : services) builder.RegisterService(service);
  runner->server_ = builder.BuildAndStart();
  if (runner->server_ == nullptr || runner->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", runner->options_.listen));
  }
  runner->prober_ = std::thread([r = runner.get()] { r->ProbeLoop(); });
  return runner;
}

void ServerRunner::ProbeLoop() {
  grpc::HealthCheckServiceInterface* health =
      server_->GetHealthCheckService();
  bool last = false;
  bool first = true;
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    lock.unlock();
    const absl::Status status =
        options_.ready ? options_.ready() : absl::OkStatus();
    lock.lock();
    if (stopping_) break;
    const bool serving = status.ok();
    if (first || serving != last) {
      for (const std::string& name : options_.health_names) {
        health->SetServingStatus(name, serving);
      }
      health->SetServingStatus(serving);
      if (serving) {
        LogInfo("serving");
      } else {
        LogWarning("not serving", {{"reason", status.ToString()}});
      }
      first = false;
      last = serving;
    }
    wake_.wait_for(lock, absl::ToChronoMilliseconds(options_.probe_interval),
                   [this] { return stopping_; });
  }
}

void ServerRunner::Shutdown(absl::Duration grace) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ || server_ == nullptr) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (prober_.joinable()) prober_.join();
  // Load balancers watching health stop routing here while calls drain.
  server_->GetHealthCheckService()->Shutdown();
  server_->Shutdown(std::chrono::system_clock::now() +
                    absl::ToChronoMilliseconds(grace));
  server_->Wait();
}

ServerRunner::~ServerRunner() { Shutdown(absl::ZeroDuration()); }

void BlockTerminationSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

std::string WaitForTerminationSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int signal = 0;
  sigwait(&set, &signal);
  return signal == SIGINT ? "SIGINT" : "SIGTERM";
}

absl::Status WritePortFile(const std::string& path, int port) {
  if (path.empty()) return absl::OkStatus();
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    out << port << "\n";
    if (!out) return absl::InternalError(absl::StrCat("cannot write ", tmp));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return absl::InternalError(absl::StrCat("cannot rename to ", path));
  }
  return absl::OkStatus();
}

}  // namespace cx
