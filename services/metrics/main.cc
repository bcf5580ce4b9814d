// cx-metrics: flags -> config -> stores -> server -> wait for a signal.
#include <cstdio>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "common/auth/authorizer.h"
#include "common/config.h"
#include "common/log.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/migrations.h"
#include "common/server/server_runner.h"
#include "services/metrics/metrics_service.h"
#include "services/metrics/store/pair_materializer.h"

ABSL_FLAG(int64_t, rollup_cache_buckets, 5'000'000,
          "Day buckets of rollups cached in memory (about 100 bytes each); "
          "past it, other tenants' caches are dropped");

namespace cx {
const std::vector<Migration>& MetricsMigrations();
}

namespace {

[[noreturn]] void Fatal(const absl::Status& status) {
  cx::LogError("cx-metrics cannot start", {{"error", status.ToString()}});
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  cx::BlockTerminationSignals();
  absl::SetProgramUsageMessage(
      "cx-metrics: CX and revenue metrics (cx.metrics.v1.MetricsService)");
  absl::ParseCommandLine(argc, argv);
  auto config = cx::LoadServerConfig("cx_metrics");
  if (!config.ok()) Fatal(config.status());

  cx::ConnectionPool pool(config->mysql);
  if (config->migrate) {
    auto applied = cx::ApplyMigrations(pool, cx::MetricsMigrations());
    if (!applied.ok()) Fatal(applied.status());
  }
  const cx::Clock* clock = cx::SystemClock::Get();
  cx::Authorizer authorizer(config->jwt, clock);
  cx::metrics::ObservationWriter writer(&pool);
  cx::metrics::PairMaterializer pairs(&pool, clock);
  cx::metrics::RollupReader rollups(
      &pool, static_cast<size_t>(absl::GetFlag(FLAGS_rollup_cache_buckets)),
      [&pairs](const std::string& tenant, const std::string& series,
               cx::metrics::DimensionMask mask) {
        pairs.Request(tenant, series, mask);
      });
  cx::metrics::DriverReader drivers(&pool);
  cx::metrics::SettingsStore settings(&pool);
  cx::metrics::RevenueStore revenue(&pool);
  cx::metrics::TargetStore targets(&pool);
  cx::metrics::MetricsService service(
      {&writer, &rollups, &drivers, &settings, &revenue, &targets}, &authorizer,
      clock);

  cx::ServerOptions options;
  options.listen = config->listen;
  options.health_names = {"cx.metrics.v1.MetricsService"};
  options.ready = [&pool] { return pool.Ping(); };
  auto server = cx::ServerRunner::Start(options, {&service});
  if (!server.ok()) Fatal(server.status());
  if (auto s = cx::WritePortFile(config->port_file, (*server)->port()); !s.ok()) {
    Fatal(s);
  }
  cx::LogInfo("cx-metrics listening",
              {{"port", std::to_string((*server)->port())},
               {"database", config->mysql.database}});
  const std::string signal = cx::WaitForTerminationSignal();
  cx::LogInfo("draining", {{"signal", signal}});
  (*server)->Shutdown(config->shutdown_grace);
  cx::LogInfo("stopped");
  return 0;
}
