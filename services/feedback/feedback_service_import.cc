// FeedbackService: bulk import of historical responses.
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
// Records per transaction: large enough to amortise the commit, small enough
// that a failing batch retried record by record stays cheap.
constexpr size_t kImportBatch = 500;
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

absl::StatusOr<v1::ImportResponsesResponse> FeedbackService::DoImportResponses(
    const Principal& caller,
    grpc::ServerReader<v1::ImportResponsesRequest>* reader) {
  v1::ImportResponsesResponse out;
  ImportReport report(&out);
  std::vector<NewResponse> pending;
  std::vector<v1::ImportRecord> pending_records;  // line and external id
  pending.reserve(kImportBatch);

  auto flush = [&]() -> absl::Status {
    if (pending.empty()) return absl::OkStatus();
    std::vector<TenantResponse> items;
    items.reserve(pending.size());
    for (const NewResponse& r : pending) items.push_back({caller.tenant, &r});
    std::vector<absl::StatusOr<v1::Response>> results =
        responses_->InsertBatch(items);
    for (size_t i = 0; i < results.size(); ++i) {
      if (!results[i].ok()) {
        const absl::StatusCode code = results[i].status().code();
        if (code == absl::StatusCode::kUnavailable ||
            code == absl::StatusCode::kResourceExhausted) {
          // The store is down: stop, and say how far the import got. A
          // re-send of the same file skips what was committed.
          return absl::Status(
              code, absl::StrCat("import stopped after ", out.imported(),
                                 " records: ", results[i].status().message(),
                                 "; send the file again to resume"));
        }
        report.Fail(pending_records[i], results[i].status());
      } else if (results[i]->name() != pending[i].response.name()) {
        out.set_duplicates(out.duplicates() + 1);
      } else {
        out.set_imported(out.imported() + 1);
      }
    }
    pending.clear();
    pending_records.clear();
    return absl::OkStatus();
  };

  v1::ImportResponsesRequest message;
  bool first = true;
  bool open_cases = false;
  while (reader->Read(&message)) {
    if (first) {
      open_cases = message.options().open_cases();
      first = false;
    }
    for (v1::ImportRecord& record : *message.mutable_records()) {
      out.set_received(out.received() + 1);
      if (record.external_id().empty() || record.external_id().size() > 56 ||
          !IsValidRequestId(record.external_id())) {
        report.Fail(record, InvalidField("external_id",
                                         "must be 1 to 56 printable ASCII "
                                         "characters"));
        continue;
      }
      absl::StatusOr<NewResponse> prepared =
          PrepareResponse(caller, record.parent(), record.response(),
                          ImportRequestId(record.external_id()), open_cases);
      if (!prepared.ok()) {
        if (prepared.status().code() == absl::StatusCode::kUnavailable) {
          return prepared.status();
        }
        report.Fail(record, prepared.status());
        continue;
      }
      pending.push_back(*std::move(prepared));
      v1::ImportRecord meta;
      meta.set_line(record.line());
      meta.set_external_id(record.external_id());
      pending_records.push_back(std::move(meta));
      if (pending.size() >= kImportBatch) RETURN_IF_ERROR(flush());
    }
  }
  RETURN_IF_ERROR(flush());
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
  return HandleCall(*context, "ImportResponses", *authorizer_, kImporters,
                    [&](const Principal& p) {
                      return AssignTo(DoImportResponses(p, reader), out);
                    });
}

}  // namespace cx::feedback
