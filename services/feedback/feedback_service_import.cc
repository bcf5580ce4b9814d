// FeedbackService: bulk import of historical responses.
#include <deque>
#include <future>
#include <memory>

#include "absl/strings/str_cat.h"
#include "common/grpc/handler.h"
#include "common/log.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "google/rpc/error_details.pb.h"
#include "services/feedback/domain/response_rules.h"
#include "services/feedback/feedback_service.h"

namespace cx::feedback {
namespace {

constexpr std::initializer_list<Role> kImporters = {Role::kAdmin,
                                                     Role::kIngest};
// Records per transaction: large enough to amortise the commit and the
// statement (500 imported 6% fewer records/s in bench/ingest, 2000 no more),
// small enough that a failing batch retried record by record stays cheap.
constexpr size_t kImportBatch = 1000;
constexpr int kMaxReportedErrors = 1000;

// Request ids of imported records: a namespace of their own, so an external
// id can never collide with an online SubmitResponse request id.
std::string ImportRequestId(const std::string& external_id) {
  return "import:" + external_id;
}

class ImportReport {
 public:
  explicit ImportReport(v1::ImportResponsesResponse* out) : out_(out) {}

  void Fail(const v1::ImportRecord& record, const absl::Status& status) {
    out_->set_failed(out_->failed() + 1);
    if (out_->errors_size() >= kMaxReportedErrors) return;
    v1::ImportError* error = out_->add_errors();
    error->set_line(record.line());
    error->set_external_id(record.external_id());
    google::rpc::BadRequest bad;
    if (GetBadRequest(status, &bad) && bad.field_violations_size() > 0) {
      error->set_field(bad.field_violations(0).field());
      error->set_reason(bad.field_violations(0).description());
    } else {
      error->set_reason(std::string(status.message()));
    }
  }

 private:
  v1::ImportResponsesResponse* out_;
};

}  // namespace

std::vector<InsertOutcome> FeedbackService::InsertUnlessErased(
    const std::string& tenant, const std::vector<NewResponse>& responses) {
  std::vector<std::string> customers;
  for (const NewResponse& r : responses) {
    if (!r.response.customer_id().empty()) {
      customers.push_back(r.response.customer_id());
    }
  }
  absl::StatusOr<absl::flat_hash_set<std::string>> erased =
      erasure_->ErasedAmong(tenant, customers);
  if (!erased.ok()) {
    return std::vector<InsertOutcome>(responses.size(),
                                      InsertOutcome::Failed(erased.status()));
  }
  std::vector<TenantResponse> items;
  std::vector<size_t> positions;  // of `items` in `responses`
  for (size_t i = 0; i < responses.size(); ++i) {
    if (erased->contains(responses[i].response.customer_id())) continue;
    items.push_back({tenant, &responses[i]});
    positions.push_back(i);
  }
  std::vector<InsertOutcome> results(
      responses.size(),
      InsertOutcome::Failed(FailedPrecondition("CUSTOMER_ERASED", "customer_id",
                         "this customer's data was erased; their old "
                         "responses are not imported again")));
  std::vector<InsertOutcome> stored = responses_->InsertBulk(items);
  for (size_t k = 0; k < stored.size(); ++k) {
    results[positions[k]] = std::move(stored[k]);
  }
  return results;
}

std::vector<InsertOutcome> FeedbackService::ImportBatch(
    const Principal& caller, const std::vector<v1::ImportRecord>& records,
    bool open_cases) {
  std::vector<InsertOutcome> outcomes(records.size());
  std::vector<NewResponse> prepared;
  std::vector<size_t> positions;  // of `prepared` in `records`
  prepared.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const v1::ImportRecord& record = records[i];
    if (record.external_id().empty() || record.external_id().size() > 56 ||
        !IsValidRequestId(record.external_id())) {
      outcomes[i] = InsertOutcome::Failed(InvalidField(
          "external_id", "must be 1 to 56 printable ASCII characters"));
      continue;
    }
    absl::StatusOr<NewResponse> response =
        PrepareResponse(caller, record.parent(), record.response(),
                        ImportRequestId(record.external_id()), open_cases);
    if (!response.ok()) {
      outcomes[i] = InsertOutcome::Failed(response.status());
      continue;
    }
    prepared.push_back(*std::move(response));
    positions.push_back(i);
  }
  if (prepared.empty()) return outcomes;
  std::vector<InsertOutcome> stored = InsertUnlessErased(caller.tenant, prepared);
  for (size_t k = 0; k < stored.size(); ++k) {
    outcomes[positions[k]] = std::move(stored[k]);
  }
  return outcomes;
}

absl::StatusOr<v1::ImportResponsesResponse> FeedbackService::DoImportResponses(
    const Principal& caller,
    grpc::ServerReader<v1::ImportResponsesRequest>* reader) {
  v1::ImportResponsesResponse out;
  ImportReport report(&out);
  // Batches are prepared (validation, text analysis) and written by the
  // import workers while the next ones are read, so reading, analysis and
  // the database's commits overlap (their inserts take turns in the store).
  constexpr size_t kBatchesInFlight = kImportWorkers;
  struct Batch {
    std::vector<v1::ImportRecord> records;
    std::future<std::vector<InsertOutcome>> outcomes;
  };
  std::deque<std::unique_ptr<Batch>> in_flight;
  std::vector<v1::ImportRecord> pending;
  bool open_cases = false;

  // Waits for the oldest batch and counts its outcome.
  auto settle_oldest = [&]() -> absl::Status {
    std::unique_ptr<Batch> batch = std::move(in_flight.front());
    in_flight.pop_front();
    std::vector<InsertOutcome> outcomes = batch->outcomes.get();
    for (size_t i = 0; i < outcomes.size(); ++i) {
      const absl::Status& status = outcomes[i].status;
      if (status.code() == absl::StatusCode::kUnavailable ||
          status.code() == absl::StatusCode::kResourceExhausted) {
        // The store is down: stop, and say how far the import got. A
        // re-send of the same file skips what was committed.
        return absl::Status(
            status.code(),
            absl::StrCat("import stopped after ", out.imported(),
                         " records: ", status.message(),
                         "; send the file again to resume"));
      }
      if (!status.ok()) {
        report.Fail(batch->records[i], status);
      } else if (outcomes[i].earlier) {
        out.set_duplicates(out.duplicates() + 1);
      } else {
        out.set_imported(out.imported() + 1);
      }
    }
    return absl::OkStatus();
  };
  // Never leaves a batch running past the call, whatever happened.
  auto settle_all = [&]() -> absl::Status {
    absl::Status first;
    while (!in_flight.empty()) first.Update(settle_oldest());
    return first;
  };

  auto flush = [&]() -> absl::Status {
    if (pending.empty()) return absl::OkStatus();
    if (in_flight.size() >= kBatchesInFlight) {
      if (absl::Status s = settle_oldest(); !s.ok()) {
        (void)settle_all();
        return s;
      }
    }
    auto batch = std::make_unique<Batch>();
    batch->records = std::move(pending);
    pending.clear();
    Batch* b = batch.get();
    b->outcomes = import_workers_.Submit([this, &caller, b, open_cases] {
      return ImportBatch(caller, b->records, open_cases);
    });
    in_flight.push_back(std::move(batch));
    return absl::OkStatus();
  };

  v1::ImportResponsesRequest message;
  bool first = true;
  while (reader->Read(&message)) {
    if (first) {
      open_cases = message.options().open_cases();
      first = false;
    }
    for (v1::ImportRecord& record : *message.mutable_records()) {
      out.set_received(out.received() + 1);
      pending.push_back(std::move(record));
      if (pending.size() >= kImportBatch) {
        if (absl::Status s = flush(); !s.ok()) return s;
      }
    }
  }
  RETURN_IF_ERROR(flush());
  RETURN_IF_ERROR(settle_all());
  if (open_cases) case_events_.NotifyAll();
  NotifyRelay();
  LogInfo("import finished",
          {{"received", absl::StrCat(out.received())},
           {"imported", absl::StrCat(out.imported())},
           {"duplicates", absl::StrCat(out.duplicates())},
           {"failed", absl::StrCat(out.failed())}});
  return out;
}

grpc::Status FeedbackService::ImportResponses(
    grpc::ServerContext* context,
    grpc::ServerReader<v1::ImportResponsesRequest>* reader,
    v1::ImportResponsesResponse* out) {
  return HandleStreamingCall(*context, "ImportResponses", *authorizer_, kImporters,
                    [&](const Principal& p) {
                      return AssignTo(DoImportResponses(p, reader), out);
                    });
}

}  // namespace cx::feedback
