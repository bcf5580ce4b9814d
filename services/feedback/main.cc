// cx-feedback: flags -> config -> store -> server -> wait for a signal.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "common/auth/authorizer.h"
#include "common/auth/jwt.h"
#include "common/config.h"
#include "common/log.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/migrations.h"
#include "common/server/server_runner.h"
#include "grpcpp/create_channel.h"
#include "services/feedback/feedback_service.h"
#include "services/feedback/outbox/outbox_relay.h"
#include "services/feedback/store/batching_response_store.h"
#include "services/feedback/store/caching_survey_store.h"
#include "services/feedback/store/mysql_case_store.h"
#include "services/feedback/store/mysql_erasure_store.h"
#include "services/feedback/store/mysql_settings_store.h"
#include "services/feedback/store/mysql_response_store.h"
#include "services/feedback/store/mysql_survey_store.h"

ABSL_FLAG(std::string, metrics_address, cx::EnvOr("CX_METRICS_ADDRESS", ""),
          "host:port of cx-metrics; the outbox relay delivers events there "
          "(empty: no relay, events wait in the outbox)");
ABSL_FLAG(std::string, relay_key_file, cx::EnvOr("CX_RELAY_KEY_FILE", ""),
          "PEM private key the relay signs its RS256 tokens for cx-metrics "
          "with; with HS256 the shared secret is used");

// Defaults are BatchingOptions' own, so the measured choice lives in one place.
ABSL_FLAG(int, ingest_writers, cx::feedback::BatchingOptions{}.writers,
          "threads writing group-commit transactions of SubmitResponse calls");
ABSL_FLAG(int, ingest_max_batch, cx::feedback::BatchingOptions{}.max_batch,
          "most responses in one group-commit transaction");

namespace cx {
const std::vector<Migration>& FeedbackMigrations();
}

namespace {

[[noreturn]] void Fatal(const absl::Status& status) {
  cx::LogError("cx-feedback cannot start", {{"error", status.ToString()}});
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  cx::BlockTerminationSignals();
  absl::SetProgramUsageMessage(
      "cx-feedback: surveys and responses (cx.feedback.v1.FeedbackService)");
  absl::ParseCommandLine(argc, argv);
  auto config = cx::LoadServerConfig("cx_feedback");
  if (!config.ok()) Fatal(config.status());

  cx::ConnectionPool pool(config->mysql);
  if (config->migrate) {
    auto applied = cx::ApplyMigrations(pool, cx::FeedbackMigrations());
    if (!applied.ok()) Fatal(applied.status());
  }
  const cx::Clock* clock = cx::SystemClock::Get();
  cx::Authorizer authorizer(config->jwt, clock);
  cx::feedback::MysqlSurveyStore mysql_surveys(&pool);
  cx::feedback::CachingSurveyStore surveys(&mysql_surveys, clock);
  cx::feedback::MysqlResponseStore mysql_responses(&pool);
  cx::feedback::BatchingOptions batching;
  batching.writers = absl::GetFlag(FLAGS_ingest_writers);
  batching.max_batch = absl::GetFlag(FLAGS_ingest_max_batch);
  cx::feedback::BatchingResponseStore responses(&mysql_responses, batching);
  cx::feedback::MysqlCaseStore cases(&pool, clock);
  cx::feedback::MysqlErasureStore erasure(&pool);
  cx::feedback::MysqlSettingsStore settings(&pool);
  cx::feedback::FeedbackService service(
      {&surveys, &responses, &cases, &erasure, &settings},
      &cx::feedback::text::TextAnalyzer::Default(), &authorizer, clock);

  // The outbox relay to cx-metrics: it calls as each event's tenant with
  // role ingest, on tokens it signs itself.
  std::unique_ptr<cx::feedback::OutboxRelay> relay;
  if (const std::string address = absl::GetFlag(FLAGS_metrics_address);
      !address.empty()) {
    cx::JwtKey signing = config->jwt;
    if (const std::string file = absl::GetFlag(FLAGS_relay_key_file); !file.empty()) {
      std::ifstream in(file);
      signing.key.assign(std::istreambuf_iterator<char>(in), {});
    } else if (signing.algorithm != cx::JwtAlgorithm::kHs256) {
      Fatal(absl::InvalidArgumentError(
          "--metrics_address with RS256 needs --relay_key_file"));
    }
    relay = std::make_unique<cx::feedback::OutboxRelay>(
        &pool,
        cx::metrics::v1::MetricsService::NewStub(
            grpc::CreateChannel(address, grpc::InsecureChannelCredentials())),
        [signing, clock](const std::string& tenant) {
          return cx::MintToken(signing, {.tenant = tenant,
                                         .subject = "cx-feedback-outbox-relay",
                                         .roles = {"ingest"},
                                         .issued_at = clock->Now(),
                                         .lifetime = absl::Minutes(5)});
        },
        clock, cx::feedback::OutboxRelay::Options());
    service.SetOutboxRelay(relay.get());
    relay->Start();
  }

  cx::ServerOptions options;
  options.listen = config->listen;
  options.health_names = {"cx.feedback.v1.FeedbackService"};
  options.ready = [&pool] { return pool.Ping(); };
  auto server = cx::ServerRunner::Start(options, {&service});
  if (!server.ok()) Fatal(server.status());
  if (auto s = cx::WritePortFile(config->port_file, (*server)->port());
      !s.ok()) {
    Fatal(s);
  }
  cx::LogInfo("cx-feedback listening",
              {{"port", std::to_string((*server)->port())},
               {"database", config->mysql.database},
               {"metrics", absl::GetFlag(FLAGS_metrics_address)}});

  // Overdue cases are escalated by every replica; the row lock and the
  // re-check under it make concurrent sweeps harmless.
  std::atomic<bool> stop_sweeper{false};
  std::thread sweeper([&] {
    while (!stop_sweeper) {
      if (auto n = service.EscalateOverdueCases(); !n.ok()) {
        cx::LogWarning("escalation sweep failed", {{"error", n.status().ToString()}});
      }
      for (int i = 0; i < 300 && !stop_sweeper; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  });

  const std::string signal = cx::WaitForTerminationSignal();
  cx::LogInfo("draining", {{"signal", signal}});
  stop_sweeper = true;
  sweeper.join();
  service.StopWatches();
  (*server)->Shutdown(config->shutdown_grace);
  if (relay) relay->Stop();
  cx::LogInfo("stopped");
  return 0;
}
