// Acknowledged responses per second and latency percentiles at a given
// number of concurrent clients, each of which waits for its ack (= COMMIT)
// before sending its next response: over SubmitResponse calls and over
// SubmitResponses streams.
//
//   ingest_bench --target=127.0.0.1:PORT --clients=1,64 --seconds=10
//
// Prints one human line and one `RESULT mode=M clients=N acks_per_s=X
// p50_ms=Y p99_ms=Z errors=E connections=C` line per mode and client count
// (bench/ingest/run.sh parses them).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <functional>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "bench/common/percentile.h"
#include "bench/common/process_cpu.h"
#include "common/auth/jwt.h"
#include "common/config.h"
#include "common/grpc/metadata.h"
#include "common/nps.h"
#include "cx/feedback/v1/feedback_service.grpc.pb.h"
#include "grpcpp/create_channel.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051", "cx-feedback address");
ABSL_FLAG(std::string, clients, "1,64", "client counts to measure");
ABSL_FLAG(int, seconds, 10, "measuring time per client count");
ABSL_FLAG(std::string, modes, "unary,stream",
          "unary: each client calls SubmitResponse; stream: each client is a "
          "SubmitResponses stream with one submission in flight");
// A BFF multiplexes its concurrent calls over one HTTP/2 connection per
// backend (what a gRPC channel is, in grpc-js as in C++); --channels=N spreads
// the clients over N connections, up to one each.
ABSL_FLAG(int, channels, 1, "gRPC channels (connections) shared by the clients");
ABSL_FLAG(bool, typical_nps, false,
          "NPS answers 50% promoters / 30% passives / 20% detractors instead "
          "of uniform 0-10 (64% detractors, each opening a case)");
ABSL_FLAG(bool, basic_acks, false,
          "ask for RESPONSE_VIEW_BASIC acknowledgements (the stored response's "
          "name and identifiers, not its answers and their analysis)");
ABSL_FLAG(std::string, cpu_of, "",
          "name=pid,... of the processes sharing the cores (the service, the "
          "database) whose CPU per acknowledged response is reported with "
          "this load generator's own");
ABSL_FLAG(int, import_records, 0,
          "also stream this many records through ImportResponses (text "
          "analysis on) and report records/s");

namespace {

namespace fb = cx::feedback::v1;

// Request and external ids are idempotency keys per tenant: a run against a
// database an earlier run used must not replay that run's ids as retries.
const std::string& RunPrefix() {
  static const std::string prefix = absl::StrCat(absl::ToUnixMicros(absl::Now()));
  return prefix;
}

std::string MintToken(const std::string& roles) {
  auto key = cx::LoadJwtKey();
  if (!key.ok()) {
    std::fprintf(stderr, "%s\n", key.status().ToString().c_str());
    std::exit(1);
  }
  cx::TokenClaims claims{"bench", "ingest-bench",
                         absl::StrSplit(roles, ','), absl::Now(),
                         absl::Hours(2)};
  return *cx::MintToken(*key, claims);
}

std::string PublishSurvey(fb::FeedbackService::Stub& stub,
                          const std::string& token) {
  fb::CreateSurveyRequest create;
  fb::Survey* s = create.mutable_survey();
  s->set_display_name("Ingest benchmark");
  fb::Question* q = s->add_questions();
  q->set_id("recommend");
  q->set_type(fb::QUESTION_TYPE_NPS);
  q->set_required(true);
  (*q->mutable_text())["en"] = "Recommend us?";
  fb::Question* why = s->add_questions();
  why->set_id("reason");
  why->set_type(fb::QUESTION_TYPE_FREE_TEXT);
  (*why->mutable_text())["en"] = "Why?";
  fb::Survey created, published;
  auto ctx = cx::MakeClientContext(token, absl::Seconds(10));
  grpc::Status st = stub.CreateSurvey(ctx.get(), create, &created);
  fb::PublishSurveyRequest publish;
  publish.set_name(created.name());
  ctx = cx::MakeClientContext(token, absl::Seconds(10));
  if (st.ok()) st = stub.PublishSurvey(ctx.get(), publish, &published);
  if (!st.ok()) {
    std::fprintf(stderr, "cannot create the survey: %s\n",
                 st.error_message().c_str());
    std::exit(1);
  }
  return published.name();
}

// A random NPS answer with a comment in one of the five languages.
void FillResponse(std::mt19937& rng, fb::Response* r) {
  static const char* kComments[] = {
      "Delivery was quick but the invoice was confusing.",
      "Leveransen var sen och supporten svarade aldrig.",
      "Sehr freundlicher Kundenservice, vielen Dank!",
      "De levering was te laat en de doos was kapot.",
      "Fantastisk service, tak for hjælpen."};
  r->set_channel(static_cast<cx::type::v1::Channel>(rng() % 8 + 1));
  r->set_customer_id(absl::StrCat("cust-", rng() % 100000));
  fb::Answer* a = r->add_answers();
  a->set_question_id("recommend");
  // Uniform scores make 7 in 11 detractors, each opening a closed-loop case;
  // a typical programme has about 1 in 5.
  static const bool typical = absl::GetFlag(FLAGS_typical_nps);
  a->set_score(typical ? cx::kTypicalNpsAnswers[rng() % 20]
                       : static_cast<int>(rng() % 11));
  fb::Answer* why = r->add_answers();
  why->set_question_id("reason");
  why->set_text(kComments[rng() % 5]);
}

// What one simulated client measured: the latency of every submission
// acknowledged inside the measuring window, and the failures.
class ClientStats {
 public:
  std::vector<double>& latencies() { return latencies_; }
  int64_t errors() const { return errors_; }

 protected:
  void Record(bool ok, std::chrono::steady_clock::time_point start,
              bool measuring) {
    if (!measuring) return;  // only acks inside the window count
    if (!ok) {
      ++errors_;
      return;
    }
    latencies_.push_back(std::chrono::duration<double, std::milli>(
                             std::chrono::steady_clock::now() - start)
                             .count());
  }

 private:
  std::vector<double> latencies_;
  int64_t errors_ = 0;
};

// Where a client sends: the survey, the token, its id (for unique request
// ids and its random stream), the measurement it is part of and when to stop.
struct ClientSetup {
  fb::FeedbackService::Stub& stub;
  const std::string& survey;
  const std::string& token;
  int id;
  // Client ids and random streams repeat in each measurement (the warm-up,
  // then the measured run): without it in the request ids, a measured run
  // would replay the warm-up's ids, and its first acks would be retries.
  int measurement;
  std::atomic<bool>& stop;
  std::function<void()> finished;
};

bool BasicAcks() {
  static const bool basic = absl::GetFlag(FLAGS_basic_acks);
  return basic;
}

void FillSubmission(const ClientSetup& setup, int64_t sequence,
                    std::mt19937& rng, std::string* request_id,
                    fb::Response* response) {
  *request_id = absl::StrCat("b-", RunPrefix(), "-", setup.measurement, "-",
                             setup.id, "-", sequence, "-", rng());
  FillResponse(rng, response);
}

// One client calling SubmitResponse: a chain of calls, each sent when the
// previous one was acknowledged. Calls go through gRPC's callback API, so 64
// clients cost the load generator no more threads than one; a thread per
// client would spend the cores the server and MariaDB share with it on
// context switches.
class UnaryClient final : public ClientStats {
 public:
  explicit UnaryClient(ClientSetup setup)
      : setup_(std::move(setup)), rng_(setup_.id) {}

  void Start() { Send(); }

 private:
  void Send() {
    if (setup_.stop.load(std::memory_order_relaxed)) {
      setup_.finished();
      return;
    }
    request_.Clear();
    request_.set_parent(setup_.survey);
    if (BasicAcks()) request_.set_view(fb::RESPONSE_VIEW_BASIC);
    FillSubmission(setup_, sent_++, rng_, request_.mutable_request_id(),
                   request_.mutable_response());
    context_ = cx::MakeClientContext(setup_.token, absl::Seconds(10));
    start_ = std::chrono::steady_clock::now();
    setup_.stub.async()->SubmitResponse(
        context_.get(), &request_, &response_, [this](grpc::Status status) {
          Record(status.ok(), start_, !setup_.stop.load());
          Send();
        });
  }

  ClientSetup setup_;
  std::mt19937 rng_;
  int64_t sent_ = 0;
  fb::SubmitResponseRequest request_;
  fb::Response response_;
  std::unique_ptr<grpc::ClientContext> context_;
  std::chrono::steady_clock::time_point start_;
};

// One client on a SubmitResponses stream with one submission in flight:
// the next is written once the previous one's reply (its ack) arrived and
// its write completed.
class StreamClient final
    : public ClientStats,
      public grpc::ClientBidiReactor<fb::SubmitResponsesRequest,
                                     fb::SubmitResponsesResponse> {
 public:
  explicit StreamClient(ClientSetup setup)
      : setup_(std::move(setup)), rng_(setup_.id) {}

  void Start() {
    context_ = cx::MakeClientContext(setup_.token, absl::Hours(1));
    setup_.stub.async()->SubmitResponses(context_.get(), this);
    StartRead(&reply_);
    Send();
    StartCall();
  }

  void OnWriteDone(bool ok) override {
    if (ok) StepDone();
  }
  void OnReadDone(bool ok) override {
    if (!ok) return;  // the stream ended: OnDone follows
    Record(reply_.has_response(), start_, !setup_.stop.load());
    StartRead(&reply_);
    StepDone();
  }
  void OnDone(const grpc::Status& status) override {
    if (!status.ok()) {
      std::fprintf(stderr, "stream %d: %s\n", setup_.id,
                   status.error_message().c_str());
    }
    setup_.finished();
  }

 private:
  // Both the write and the reply of the current submission are done.
  void StepDone() {
    if (++steps_ % 2 != 0) return;
    if (setup_.stop.load(std::memory_order_relaxed)) {
      StartWritesDone();
    } else {
      Send();
    }
  }

  void Send() {
    request_.Clear();
    request_.set_parent(setup_.survey);
    if (BasicAcks()) request_.set_view(fb::RESPONSE_VIEW_BASIC);
    FillSubmission(setup_, sent_++, rng_, request_.mutable_request_id(),
                   request_.mutable_response());
    start_ = std::chrono::steady_clock::now();
    StartWrite(&request_);
  }

  ClientSetup setup_;
  std::mt19937 rng_;
  int64_t sent_ = 0;
  std::atomic<int64_t> steps_{0};
  fb::SubmitResponsesRequest request_;
  fb::SubmitResponsesResponse reply_;
  std::unique_ptr<grpc::ClientContext> context_;
  std::chrono::steady_clock::time_point start_;
};

struct Result {
  double acks_per_s;
  double p50_ms;
  double p99_ms;
  int64_t errors;
  // CPU seconds of each watched process while the clients ran, in order.
  std::vector<double> cpu_seconds;
};

const std::vector<cx::bench::WatchedProcess>& Watched() {
  static const auto* watched = new std::vector<cx::bench::WatchedProcess>(
      cx::bench::ParseWatchedProcesses("ingest_bench",
                                       absl::GetFlag(FLAGS_cpu_of)));
  return *watched;
}

// "CPU per ack: ingest_bench 19.0 us, cx-feedback 45.1 us, ... = 104.2 us"
// and its RESULT fields; empty without acks or other processes watched.
std::pair<std::string, std::string> CpuPerAck(const Result& r,
                                              absl::Duration duration) {
  const double acks = r.acks_per_s * absl::ToDoubleSeconds(duration);
  // Alone, the load generator's share says little (another load may share
  // the cores, as during an import).
  if (acks <= 0 || Watched().size() < 2) return {};
  std::string human = "  CPU per ack:", fields;
  double total = 0;
  bool complete = true;
  for (size_t i = 0; i < Watched().size(); ++i) {
    const std::string& name = Watched()[i].name;
    if (r.cpu_seconds[i] < 0) {
      absl::StrAppend(&human, i ? "," : "", " ", name, " (not readable)");
      complete = false;
      continue;
    }
    const double us = r.cpu_seconds[i] * 1e6 / acks;
    total += us;
    absl::StrAppend(&human, i ? "," : "", " ", name, " ",
                    absl::StrFormat("%.1f", us), " us");
    absl::StrAppend(&fields, " cpu_us_", name, "=", absl::StrFormat("%.1f", us));
  }
  if (complete) {
    absl::StrAppend(&human, " = ", absl::StrFormat("%.1f", total), " us (",
                    absl::StrFormat("%.2f", total * r.acks_per_s / 1e6),
                    " cores busy)");
    absl::StrAppend(&fields, " cpu_us_per_ack=", absl::StrFormat("%.1f", total));
  }
  return {human, fields};
}

template <typename Client>
Result Measure(const std::vector<std::unique_ptr<fb::FeedbackService::Stub>>& stubs,
               const std::string& survey, const std::string& token,
               int clients, absl::Duration duration) {
  static std::atomic<int> measurements{0};
  const int measurement = measurements++;
  std::atomic<bool> stop{false};
  absl::Mutex mu;
  int running = clients;
  std::vector<std::unique_ptr<Client>> all_clients;
  for (int c = 0; c < clients; ++c) {
    all_clients.push_back(std::make_unique<Client>(ClientSetup{
        *stubs[c % stubs.size()], survey, token, c, measurement, stop, [&] {
          absl::MutexLock lock(&mu);
          --running;
        }}));
  }
  cx::bench::CpuWindow cpu(Watched());
  for (auto& client : all_clients) client->Start();
  absl::SleepFor(duration);
  stop = true;
  std::vector<double> cpu_seconds = cpu.Stop();
  {
    absl::MutexLock lock(&mu);
    mu.Await(absl::Condition(
        +[](int* n) { return *n == 0; }, &running));
  }
  std::vector<double> all;
  int64_t errors = 0;
  for (auto& client : all_clients) {
    all.insert(all.end(), client->latencies().begin(), client->latencies().end());
    errors += client->errors();
  }
  return {all.size() / absl::ToDoubleSeconds(duration),
          cx::bench::Percentile(all, 0.50), cx::bench::Percentile(all, 0.99),
          errors, std::move(cpu_seconds)};
}

fb::ImportRecord MakeRecord(const std::string& survey, int64_t i,
                            std::mt19937& rng) {
  fb::ImportRecord record;
  record.set_line(i + 2);
  record.set_external_id(absl::StrCat("bench-", RunPrefix(), "-", i, "-", rng()));
  record.set_parent(survey);
  FillResponse(rng, record.mutable_response());
  return record;
}

// Streams `count` records in messages of 500; returns records/s.
double MeasureImport(fb::FeedbackService::Stub& stub, const std::string& survey,
                     const std::string& token, int count) {
  std::mt19937 rng(7);
  auto ctx = cx::MakeClientContext(token, absl::Hours(1));
  fb::ImportResponsesResponse summary;
  const auto start = std::chrono::steady_clock::now();
  auto writer = stub.ImportResponses(ctx.get(), &summary);
  fb::ImportResponsesRequest message;
  for (int i = 0; i < count; ++i) {
    *message.add_records() = MakeRecord(survey, i, rng);
    if (message.records_size() == 500 || i + 1 == count) {
      if (!writer->Write(message)) break;
      message.Clear();
    }
  }
  writer->WritesDone();
  const grpc::Status st = writer->Finish();
  const double seconds = std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - start)
                             .count();
  if (!st.ok() || summary.imported() != count) {
    std::fprintf(stderr, "import: %s, imported %lld of %d\n",
                 st.error_message().c_str(),
                 static_cast<long long>(summary.imported()), count);
  }
  return summary.imported() / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // As in cx-feedback: Debian's Abseil would check every lock gRPC takes
  // for lock-order cycles, CPU this load generator takes from the server.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  const std::string token = MintToken("admin,ingest");
  std::vector<std::unique_ptr<fb::FeedbackService::Stub>> stubs;
  for (int i = 0; i < absl::GetFlag(FLAGS_channels); ++i) {
    grpc::ChannelArguments args;
    args.SetInt("cx_bench_channel", i);  // distinct channels, not one shared
    stubs.push_back(fb::FeedbackService::NewStub(grpc::CreateCustomChannel(
        absl::GetFlag(FLAGS_target), grpc::InsecureChannelCredentials(),
        args)));
  }
  const std::string survey = PublishSurvey(*stubs[0], token);
  for (absl::string_view mode : absl::StrSplit(absl::GetFlag(FLAGS_modes), ',')) {
    const bool stream = mode == "stream";
    if (!stream && mode != "unary") continue;
    auto measure = stream ? Measure<StreamClient> : Measure<UnaryClient>;
    for (absl::string_view c : absl::StrSplit(absl::GetFlag(FLAGS_clients), ',')) {
      int clients = 0;
      if (!absl::SimpleAtoi(c, &clients) || clients < 1) continue;
      measure(stubs, survey, token, clients, absl::Seconds(1));  // warm-up
      const absl::Duration duration =
          absl::Seconds(absl::GetFlag(FLAGS_seconds));
      const Result r = measure(stubs, survey, token, clients, duration);
      const auto [cpu_human, cpu_fields] = CpuPerAck(r, duration);
      const int connections =
          std::min(clients, static_cast<int>(stubs.size()));
      std::printf(
          "%-15s %3d clients on %2d connection%s%s: %8.0f acks/s  p50 %6.2f ms"
          "  p99 %6.2f ms  errors %lld\n",
          stream ? "SubmitResponses" : "SubmitResponse", clients, connections,
          connections == 1 ? " " : "s", BasicAcks() ? ", basic acks" : "",
          r.acks_per_s, r.p50_ms, r.p99_ms, static_cast<long long>(r.errors));
      if (!cpu_human.empty()) std::printf("%s\n", cpu_human.c_str());
      std::printf("RESULT mode=%s%s clients=%d acks_per_s=%.0f p50_ms=%.2f "
                  "p99_ms=%.2f errors=%lld connections=%d%s\n",
                  stream ? "stream" : "unary", BasicAcks() ? "_basic" : "",
                  clients, r.acks_per_s, r.p50_ms,
                  r.p99_ms, static_cast<long long>(r.errors), connections,
                  cpu_fields.c_str());
      std::fflush(stdout);
    }
  }
  if (const int n = absl::GetFlag(FLAGS_import_records); n > 0) {
    const double rate = MeasureImport(*stubs[0], survey, token, n);
    std::printf("ImportResponses, %d records with free text: %8.0f records/s\n",
                n, rate);
    std::printf("RESULT import records=%d records_per_s=%.0f\n", n, rate);
  }
  return 0;
}
