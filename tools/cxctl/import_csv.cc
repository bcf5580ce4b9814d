#include "tools/cxctl/import_csv.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "common/grpc/metadata.h"
#include "common/grpc/status_conversion.h"
#include "common/proto_time.h"
#include "tools/cxctl/csv.h"

namespace cx {
namespace {

namespace fb = cx::feedback::v1;

// As many failures as ImportResponses itself lists.
constexpr size_t kMaxReportedErrors = 1000;

std::string WithThousands(int64_t n) {
  std::string digits = absl::StrCat(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// Question types per survey, fetched once, so cells become typed answers.
class SurveyTypes {
 public:
  SurveyTypes(fb::FeedbackService::StubInterface& stub, std::string token)
      : stub_(stub), token_(std::move(token)) {}

  const std::map<std::string, fb::QuestionType>& Of(const std::string& survey) {
    auto it = cache_.find(survey);
    if (it != cache_.end()) return it->second;
    std::map<std::string, fb::QuestionType>& types = cache_[survey];
    fb::GetSurveyRequest req;
    req.set_name(survey);
    fb::Survey out;
    auto ctx = MakeClientContext(token_, absl::Seconds(10));
    // An unknown survey leaves the map empty; the server reports the record.
    if (stub_.GetSurvey(ctx.get(), req, &out).ok()) {
      for (const auto& q : out.questions()) types[q.id()] = q.type();
    }
    return types;
  }

 private:
  fb::FeedbackService::StubInterface& stub_;
  std::string token_;
  std::map<std::string, std::map<std::string, fb::QuestionType>> cache_;
};

void SetAnswer(fb::QuestionType type, const std::string& cell,
               fb::Answer* answer) {
  int score = 0;
  switch (type) {
    case fb::QUESTION_TYPE_NPS:
    case fb::QUESTION_TYPE_CSAT:
    case fb::QUESTION_TYPE_CES:
    case fb::QUESTION_TYPE_RATING:
      if (absl::SimpleAtoi(cell, &score)) {
        answer->set_score(score);
      } else {
        answer->set_text(cell);  // the server names the wrong type
      }
      break;
    case fb::QUESTION_TYPE_SINGLE_CHOICE:
      answer->set_choice_id(std::string(absl::StripAsciiWhitespace(cell)));
      break;
    case fb::QUESTION_TYPE_MULTIPLE_CHOICE:
      for (absl::string_view id :
           absl::StrSplit(cell, '|', absl::SkipWhitespace())) {
        answer->mutable_choices()->add_choice_ids(
            std::string(absl::StripAsciiWhitespace(id)));
      }
      break;
    default:
      answer->set_text(cell);
  }
}

// Counts the rows that were never sent as received and failed, and lists
// them among the server's errors in line order (within the same limit).
void AddUnsent(const std::vector<fb::ImportError>& unsent,
               fb::ImportResponsesResponse* summary) {
  if (unsent.empty()) return;
  const auto n = static_cast<int64_t>(unsent.size());
  summary->set_received(summary->received() + n);
  summary->set_failed(summary->failed() + n);
  std::vector<fb::ImportError> errors(summary->errors().begin(),
                                      summary->errors().end());
  errors.insert(errors.end(), unsent.begin(), unsent.end());
  std::stable_sort(errors.begin(), errors.end(),
                   [](const fb::ImportError& a, const fb::ImportError& b) {
                     return a.line() < b.line();
                   });
  if (errors.size() > kMaxReportedErrors) errors.resize(kMaxReportedErrors);
  summary->mutable_errors()->Clear();
  for (fb::ImportError& e : errors) *summary->add_errors() = std::move(e);
}

}  // namespace

std::string ProgressLine(int64_t rows, absl::Duration elapsed,
                         int64_t bytes_done, int64_t bytes_total) {
  const double seconds = std::max(absl::ToDoubleSeconds(elapsed), 1e-3);
  const double fraction =
      bytes_total > 0 ? std::min(1.0, 1.0 * bytes_done / bytes_total) : 0;
  const double eta = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
  const int filled = static_cast<int>(fraction * 20);
  return absl::StrFormat("  %s rows   %s rows/s   ETA %.0fs   [%s%s]  %3.0f%%",
                         WithThousands(rows),
                         WithThousands(static_cast<int64_t>(rows / seconds)),
                         eta, std::string(filled, '#'),
                         std::string(20 - filled, '.'), fraction * 100);
}

absl::StatusOr<fb::ImportResponsesResponse> ImportCsv(
    fb::FeedbackService::StubInterface& stub, const std::string& token,
    const ImportCsvOptions& options, std::ostream& progress) {
  std::ifstream in(options.path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", options.path));
  in.seekg(0, std::ios::end);
  const int64_t total_bytes = in.tellg();
  in.seekg(0);
  CsvReader csv(&in);
  std::vector<std::string> header;
  if (!csv.Next(&header)) return absl::InvalidArgumentError("the file is empty");
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < header.size(); ++i) {
    column[std::string(absl::StripAsciiWhitespace(header[i]))] = i;
  }
  if (!column.count("external_id")) {
    return absl::InvalidArgumentError("the header has no external_id column");
  }
  if (!column.count("survey") && options.default_survey.empty()) {
    return absl::InvalidArgumentError(
        "the header has no survey column; pass --survey=surveys/{id}");
  }

  SurveyTypes types(stub, token);
  auto ctx = MakeClientContext(token, absl::Hours(6));
  fb::ImportResponsesResponse summary;
  auto writer = stub.ImportResponses(ctx.get(), &summary);
  const absl::Time start = absl::Now();
  absl::Time last_report = start;
  int64_t rows = 0;
  fb::ImportResponsesRequest message;
  message.mutable_options()->set_open_cases(options.open_cases);
  std::vector<std::string> row;
  // Spreadsheets pad cells; ids and names never begin or end with a space
  // (the server refuses them), so the padding is dropped. Text answers are
  // kept as written.
  auto cell = [&](const char* name) -> std::string {
    auto it = column.find(name);
    return it != column.end() && it->second < row.size()
               ? std::string(absl::StripAsciiWhitespace(row[it->second]))
               : "";
  };
  // Rows this tool cannot convert are never sent, so that nothing is stored
  // differently from what the file says; they are reported with the
  // server's failures.
  std::vector<fb::ImportError> unsent;
  bool sent_ok = true;
  while (sent_ok && csv.Next(&row)) {
    if (row.size() == 1 && row[0].empty()) continue;  // blank line
    ++rows;
    std::optional<absl::Time> submitted;
    if (const std::string text = cell("submit_time"); !text.empty()) {
      std::string err;
      if (!absl::ParseTime(absl::RFC3339_full, text, &submitted.emplace(),
                           &err)) {
        fb::ImportError& error = unsent.emplace_back();
        error.set_line(csv.line());
        error.set_external_id(cell("external_id"));
        error.set_field("response.submit_time");
        error.set_reason(absl::StrCat(
            "'", text, "' is not an RFC 3339 time such as 2026-01-05T10:00:00Z"));
        continue;
      }
    }
    fb::ImportRecord* record = message.add_records();
    record->set_line(csv.line());
    record->set_external_id(cell("external_id"));
    const std::string survey = cell("survey").empty() ? options.default_survey
                                                      : cell("survey");
    record->set_parent(survey);
    fb::Response* r = record->mutable_response();
    cx::type::v1::Channel channel = cx::type::v1::CHANNEL_UNSPECIFIED;
    std::string channel_name = absl::AsciiStrToUpper(cell("channel"));
    if (!channel_name.empty()) {
      cx::type::v1::Channel_Parse("CHANNEL_" + channel_name, &channel);
    }
    r->set_channel(channel);
    r->set_customer_id(cell("customer_id"));
    r->set_locale(cell("locale"));
    r->set_touchpoint(cell("touchpoint"));
    r->set_team(cell("team"));
    r->set_agent(cell("agent"));
    if (submitted) *r->mutable_submit_time() = ToProto(*submitted);
    const auto& question_types = types.Of(survey);
    for (const auto& [name, index] : column) {
      if (name.rfind("q:", 0) != 0 || index >= row.size() || row[index].empty()) {
        continue;
      }
      fb::Answer* answer = r->add_answers();
      answer->set_question_id(name.substr(2));
      auto type = question_types.find(answer->question_id());
      SetAnswer(type == question_types.end() ? fb::QUESTION_TYPE_FREE_TEXT
                                             : type->second,
                row[index], answer);
    }
    if (message.records_size() >= options.records_per_message) {
      sent_ok = writer->Write(message);
      message.Clear();
    }
    const absl::Time now = absl::Now();
    if (now - last_report > absl::Milliseconds(200)) {
      progress << "\r" << ProgressLine(rows, now - start, in.tellg(), total_bytes)
               << std::flush;
      last_report = now;
    }
  }
  if (sent_ok && message.records_size() > 0) writer->Write(message);
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  progress << "\r" << ProgressLine(rows, absl::Now() - start, total_bytes,
                                   total_bytes)
           << "\n";
  if (!status.ok()) return FromGrpcStatus(status);
  AddUnsent(unsent, &summary);
  return summary;
}

}  // namespace cx
