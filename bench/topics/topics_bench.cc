// How long GetTopicSummary takes over a period's responses, against reading
// the same rows' bodies straight from MariaDB with one query (the least any
// summary of stored bodies has to do), on the same server in the same run.
//
//   topics_bench --target=127.0.0.1:PORT [--runs=5]   (CX_MYSQL_* for the
//   baseline's database, CX_JWT_SECRET for the token)
//
// Prints human lines and `RESULT topic_summary ...` lines for run.sh.
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/time/clock.h"
#include "bench/common/percentile.h"
#include "common/auth/jwt.h"
#include "common/config.h"
#include "common/grpc/metadata.h"
#include "common/mysql/connection_pool.h"
#include "common/mysql/sql_time.h"
#include "common/proto_time.h"
#include "cx/feedback/v1/feedback_service.grpc.pb.h"
#include "grpcpp/create_channel.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051", "cx-feedback address");
ABSL_FLAG(int, runs, 5, "timed runs of each measurement (after one warm-up)");
ABSL_FLAG(std::string, tenant, "bench", "tenant whose responses to summarise");

namespace {

namespace fb = cx::feedback::v1;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "topics_bench: %s\n", what.c_str());
  std::exit(1);
}

// Milliseconds of each timed run of `run` (one untimed warm-up first).
std::vector<double> Time(const std::function<void()>& run) {
  run();
  std::vector<double> ms;
  for (int i = 0; i < absl::GetFlag(FLAGS_runs); ++i) {
    const auto start = std::chrono::steady_clock::now();
    run();
    ms.push_back(std::chrono::duration<double, std::milli>(
                     std::chrono::steady_clock::now() - start)
                     .count());
  }
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string tenant = absl::GetFlag(FLAGS_tenant);
  auto key = cx::LoadJwtKey();
  if (!key.ok()) Die(key.status().ToString());
  const std::string token =
      *cx::MintToken(*key, {.tenant = tenant, .subject = "topics-bench",
                            .roles = {"analyst"}, .issued_at = absl::Now(),
                            .lifetime = absl::Hours(1)});
  auto mysql = cx::LoadMysqlConfig("cx_feedback");
  if (!mysql.ok()) Die(mysql.status().ToString());
  cx::ConnectionPool pool(*mysql);
  auto stub = fb::FeedbackService::NewStub(grpc::CreateChannel(
      absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials()));

  // Everything the load put in: the last day.
  const absl::Time end = absl::Now() + absl::Minutes(1);
  const absl::Time start = end - absl::Hours(24);
  int64_t summarised = 0;
  auto summary = [&](bool compare_previous) {
    fb::GetTopicSummaryRequest req;
    req.set_parent("surveys/-");
    *req.mutable_start_time() = cx::ToProto(start);
    *req.mutable_end_time() = cx::ToProto(end);
    req.set_compare_previous(compare_previous);
    fb::TopicSummary out;
    auto ctx = cx::MakeClientContext(token, absl::Minutes(10));
    const grpc::Status st = stub->GetTopicSummary(ctx.get(), req, &out);
    if (!st.ok()) Die(st.error_message());
    summarised = out.responses();
  };
  int64_t read = 0;
  auto raw_read = [&] {
    const absl::Status st = pool.Run([&](cx::Session& s) -> absl::Status {
      auto rs = s.QueryArgs(
          "SELECT body FROM responses WHERE tenant_id = ? "
          "AND submit_time >= ? AND submit_time < ?",
          tenant, cx::ToSqlDatetime(start), cx::ToSqlDatetime(end));
      read = 0;
      size_t bytes = 0;
      while (rs->next()) {
        bytes += cx::GetBytes(*rs, "body").size();
        ++read;
      }
      return bytes > 0 || read == 0 ? absl::OkStatus()
                                    : absl::DataLossError("empty bodies");
    });
    if (!st.ok()) Die(st.ToString());
  };

  std::vector<double> sql_ms = Time(raw_read);
  std::vector<double> summary_ms = Time([&] { summary(false); });
  std::vector<double> compare_ms = Time([&] { summary(true); });
  if (summarised != read) {
    Die("the summary counted " + std::to_string(summarised) +
        " responses, the query read " + std::to_string(read));
  }
  const double sql_p50 = cx::bench::Percentile(sql_ms, 0.5);
  const double summary_p50 = cx::bench::Percentile(summary_ms, 0.5);
  const double compare_p50 = cx::bench::Percentile(compare_ms, 0.5);
  std::printf("%lld responses in the period\n", static_cast<long long>(read));
  std::printf("SELECT body over the period (baseline): p50 %8.1f ms\n", sql_p50);
  std::printf("GetTopicSummary:                       p50 %8.1f ms  (%.2fx the baseline, %.1f us a response)\n",
              summary_p50, summary_p50 / sql_p50, 1000 * summary_p50 / read);
  std::printf("GetTopicSummary, compare_previous:     p50 %8.1f ms  (the previous day is empty)\n",
              compare_p50);
  std::printf("RESULT topic_summary responses=%lld sql_ms=%.1f summary_ms=%.1f "
              "compare_ms=%.1f ratio=%.2f\n",
              static_cast<long long>(read), sql_p50, summary_p50, compare_p50,
              summary_p50 / sql_p50);
  return 0;
}
