// cxctl: the operator CLI.
//
//   cxctl migrate                 apply pending migrations of every service
//   cxctl token --tenant=T --roles=admin,analyst [--subject=S] [--ttl=24h]
//   cxctl demo --target=HOST:PORT [--tenant=demo] [--responses=300]
//   cxctl import FILE.csv --target=HOST:PORT [--tenant=T] [--survey=surveys/ID]
//                [--open_cases]
//   cxctl export --target=HOST:PORT [--tenant=T] [--survey=surveys/ID]
//                [--filter=...] > responses.csv
//   cxctl metrics demo --metrics_target=HOST:PORT [--tenant=demo]
//   cxctl metrics rebuild [--metrics_tenant=T] [--rebucket_days]
//   cxctl metrics verify [--metrics_tenant=T]
//   cxctl metrics backfill [--metrics_tenant=T]   responses stored before the
//                outbox existed: queue them for cx-metrics (safe to repeat)
//   cxctl topics backfill [--metrics_tenant=T]   responses stored before
//                their topics and keywords columns: fill them for the topic
//                and keyword filters (safe to repeat)
//   cxctl topics reanalyze --target=HOST:PORT [--tenant=T] [--survey=S]
//                [--filter=F]   analyse stored comments again with the
//                tenant's current taxonomy (after UpdateTopicTaxonomy)
//
// Database and key settings are the services' own flags/env (CX_MYSQL_*,
// CX_JWT_*; see common/config.h).
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "common/config.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/migrations.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "common/clock.h"
#include "services/feedback/store/metrics_backfill.h"
#include "services/feedback/store/topics_backfill.h"
#include "services/metrics/store/rollup_rebuild.h"
#include "tools/cxctl/demo_cases.h"
#include "tools/cxctl/demo_data.h"
#include "tools/cxctl/demo_metrics.h"
#include "tools/cxctl/export_csv.h"
#include "tools/cxctl/import_csv.h"
#include "tools/cxctl/reanalyze.h"

ABSL_FLAG(std::string, tenant, "demo", "tenant of the token / demo data");
ABSL_FLAG(std::string, roles, "admin", "comma-separated roles of the token");
ABSL_FLAG(std::string, subject, "cxctl", "subject (sub) of the token");
ABSL_FLAG(absl::Duration, ttl, absl::Hours(24), "token lifetime");
ABSL_FLAG(std::string, target, "127.0.0.1:50051", "cx-feedback address");
ABSL_FLAG(int, responses, 1200, "demo responses to load");
ABSL_FLAG(std::string, survey, "",
          "import: survey of rows without a survey column; export, topics "
          "reanalyze: one survey (default all)");
ABSL_FLAG(bool, open_cases, false,
          "import: let imported detractors open closed-loop cases");
ABSL_FLAG(std::string, filter, "",
          "export, topics reanalyze: ListResponses filter");
ABSL_FLAG(std::string, metrics_target, "127.0.0.1:50052", "cx-metrics address");
ABSL_FLAG(std::string, metrics_tenant, "",
          "metrics rebuild/verify/backfill, topics backfill: one tenant "
          "(default: every tenant)");
ABSL_FLAG(bool, rebucket_days, false,
          "metrics rebuild: first move facts to their day in the tenant's "
          "current time zone (after changing it)");

namespace cx {
const std::vector<Migration>& FeedbackMigrations();
const std::vector<Migration>& MetricsMigrations();
}

namespace {

int Fail(const absl::Status& status) {
  std::cerr << "cxctl: " << status << "\n";
  return 1;
}

int Migrate() {
  struct Schema {
    const char* database;
    const std::vector<cx::Migration>& migrations;
  };
  for (const Schema& schema : {Schema{"cx_feedback", cx::FeedbackMigrations()},
                               Schema{"cx_metrics", cx::MetricsMigrations()}}) {
    auto mysql = cx::LoadMysqlConfig(schema.database);
    if (!mysql.ok()) return Fail(mysql.status());
    cx::ConnectionPool pool(*mysql);
    auto applied = cx::ApplyMigrations(pool, schema.migrations);
    if (!applied.ok()) return Fail(applied.status());
    std::cout << mysql->database << ": " << applied->size()
              << " migration(s) applied\n";
  }
  return 0;
}

absl::StatusOr<std::string> Token(const std::string& roles) {
  auto key = cx::LoadJwtKey();
  if (!key.ok()) return key.status();
  cx::TokenClaims claims;
  claims.tenant = absl::GetFlag(FLAGS_tenant);
  claims.subject = absl::GetFlag(FLAGS_subject);
  claims.roles = absl::StrSplit(roles, ',', absl::SkipEmpty());
  claims.issued_at = absl::Now();
  claims.lifetime = absl::GetFlag(FLAGS_ttl);
  return cx::MintToken(*key, claims);
}

std::unique_ptr<cx::feedback::v1::FeedbackService::Stub> FeedbackStub() {
  auto channel = grpc::CreateChannel(absl::GetFlag(FLAGS_target),
                                     grpc::InsecureChannelCredentials());
  return cx::feedback::v1::FeedbackService::NewStub(channel);
}

int Import(const std::string& path) {
  auto token = Token("ingest,analyst");
  if (!token.ok()) return Fail(token.status());
  auto stub = FeedbackStub();
  cx::ImportCsvOptions options;
  options.path = path;
  options.default_survey = absl::GetFlag(FLAGS_survey);
  options.open_cases = absl::GetFlag(FLAGS_open_cases);
  auto summary = cx::ImportCsv(*stub, *token, options, std::cerr);
  if (!summary.ok()) return Fail(summary.status());
  std::cout << "received " << summary->received() << ", imported "
            << summary->imported() << ", duplicates " << summary->duplicates()
            << ", failed " << summary->failed() << "\n";
  for (const auto& e : summary->errors()) {
    std::cout << "  line " << e.line() << " (" << e.external_id() << ") "
              << e.field() << ": " << e.reason() << "\n";
  }
  return summary->failed() > 0 ? 3 : 0;
}

int Export() {
  auto token = Token("analyst");
  if (!token.ok()) return Fail(token.status());
  auto stub = FeedbackStub();
  const std::string survey = absl::GetFlag(FLAGS_survey);
  auto rows = cx::ExportCsv(*stub, *token, survey.empty() ? "surveys/-" : survey,
                            absl::GetFlag(FLAGS_filter), std::cout);
  if (!rows.ok()) return Fail(rows.status());
  std::cerr << *rows << " responses exported\n";
  return 0;
}

int Demo() {
  auto token = Token("admin,ingest");
  if (!token.ok()) return Fail(token.status());
  auto stub = FeedbackStub();
  auto summary = cx::LoadDemoData(*stub, *token, absl::GetFlag(FLAGS_responses),
                                  absl::Now());
  if (!summary.ok()) return Fail(summary.status());
  auto worked = cx::WorkDemoCases(*stub, *token);
  if (!worked.ok()) return Fail(worked.status());
  std::cout << "demo tenant '" << absl::GetFlag(FLAGS_tenant) << "': "
            << summary->nps_survey << " (NPS), " << summary->csat_survey
            << " (CSAT), " << summary->responses << " responses, "
            << worked->cases << " closed-loop cases (" << worked->updates
            << " updates by this run)\n";
  return 0;
}

int ReanalyzeTopics() {
  auto token = Token("admin");
  if (!token.ok()) return Fail(token.status());
  auto stub = FeedbackStub();
  const std::string survey = absl::GetFlag(FLAGS_survey);
  auto totals = cx::Reanalyze(
      *stub, *token, survey.empty() ? "surveys/-" : survey,
      absl::GetFlag(FLAGS_filter), [](const cx::ReanalysisTotals& t) {
        std::cerr << "\r  " << t.reanalyzed << " responses analysed again";
      });
  std::cerr << "\n";
  if (!totals.ok()) return Fail(totals.status());
  std::cout << totals->reanalyzed << " responses analysed again, "
            << totals->changed << " changed\n";
  return 0;
}

// rebuild: recompute rollups from facts; verify: count rollup rows that
// differ from a recount (0 means exact).
// Fills the topics and keywords columns of responses stored before them.
int BackfillTopics() {
  auto feedback_db = cx::LoadMysqlConfig("cx_feedback");
  if (!feedback_db.ok()) return Fail(feedback_db.status());
  cx::ConnectionPool pool(*feedback_db);
  auto written = cx::feedback::BackfillCommentColumns(
      pool, absl::GetFlag(FLAGS_metrics_tenant),
      [](int64_t n) { std::cerr << "\r  " << n << " responses read"; });
  std::cerr << "\n";
  if (!written.ok()) return Fail(written.status());
  std::cout << *written << " responses got their topics and keywords columns\n";
  return 0;
}

int Metrics(const std::string& action) {
  if (action == "demo") {
    auto token = Token("admin,ingest");
    if (!token.ok()) return Fail(token.status());
    auto stub = cx::metrics::v1::MetricsService::NewStub(grpc::CreateChannel(
        absl::GetFlag(FLAGS_metrics_target), grpc::InsecureChannelCredentials()));
    auto summary = cx::LoadDemoMetrics(*stub, *token, absl::Now());
    if (!summary.ok()) return Fail(summary.status());
    std::cout << "demo metrics: " << summary->accounts << " accounts, "
              << summary->revenue_records << " revenue records, "
              << summary->targets << " targets\n";
    return 0;
  }
  if (action == "backfill") {
    auto feedback_db = cx::LoadMysqlConfig("cx_feedback");
    if (!feedback_db.ok()) return Fail(feedback_db.status());
    cx::ConnectionPool pool(*feedback_db);
    auto written = cx::feedback::BackfillRecordedEvents(
        pool, absl::GetFlag(FLAGS_metrics_tenant), *cx::SystemClock::Get(),
        [](int64_t n) { std::cerr << "\r  " << n << " responses queued for metrics"; });
    std::cerr << "\n";
    if (!written.ok()) return Fail(written.status());
    std::cout << *written << " responses queued in cx-feedback's outbox; its relay "
                 "delivers them to cx-metrics\n";
    return 0;
  }
  auto mysql = cx::LoadMysqlConfig("cx_metrics");
  if (!mysql.ok()) return Fail(mysql.status());
  // A rebuild's statements each group all of a tenant's facts.
  mysql->read_timeout_seconds = 3600;
  cx::ConnectionPool pool(*mysql);
  std::vector<std::string> tenants;
  if (const std::string t = absl::GetFlag(FLAGS_metrics_tenant); !t.empty()) {
    tenants.push_back(t);
  } else {
    auto all = cx::metrics::MetricTenants(pool);
    if (!all.ok()) return Fail(all.status());
    tenants = *all;
  }
  int64_t mismatched = 0;
  for (const std::string& tenant : tenants) {
    if (action == "rebuild") {
      const absl::Time start = absl::Now();
      auto report = cx::metrics::RebuildRollups(pool, tenant,
                                                absl::GetFlag(FLAGS_rebucket_days));
      if (!report.ok()) return Fail(report.status());
      std::cout << tenant << ": " << report->rollup_rows << " rollup rows from facts ("
                << report->facts_rebucketed << " facts moved to another day) in "
                << absl::FormatDuration(absl::Now() - start) << "\n";
    } else {
      auto n = cx::metrics::CountRollupMismatches(pool, tenant);
      if (!n.ok()) return Fail(n.status());
      std::cout << tenant << ": " << *n << " rollup rows differ from a recount\n";
      mismatched += *n;
    }
  }
  return mismatched > 0 ? 3 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "cxctl migrate | token --tenant=T --roles=R,R | demo --target=H:P");
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  const std::string command = args.size() > 1 ? args[1] : "";
  if (command == "migrate") return Migrate();
  if (command == "token") {
    auto token = Token(absl::GetFlag(FLAGS_roles));
    if (!token.ok()) return Fail(token.status());
    std::cout << *token << "\n";
    return 0;
  }
  if (command == "demo") return Demo();
  if (command == "import" && args.size() == 3) return Import(args[2]);
  if (command == "export") return Export();
  if (command == "metrics" && args.size() == 3 &&
      (std::string(args[2]) == "rebuild" || std::string(args[2]) == "verify" ||
       std::string(args[2]) == "demo" || std::string(args[2]) == "backfill")) {
    return Metrics(args[2]);
  }
  if (command == "topics" && args.size() == 3 &&
      std::string(args[2]) == "backfill") {
    return BackfillTopics();
  }
  if (command == "topics" && args.size() == 3 &&
      std::string(args[2]) == "reanalyze") {
    return ReanalyzeTopics();
  }
  std::cerr << "usage: cxctl migrate | token --tenant=T --roles=R,R | "
               "demo | import FILE.csv | export | "
               "metrics demo|rebuild|verify|backfill | topics backfill|reanalyze"
               "   (--help for flags)\n";
  return 2;
}
