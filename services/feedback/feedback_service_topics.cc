// FeedbackService: what customers write about over a period.

#include <map>
#include <utility>

#include "common/api/resource_name.h"
#include "common/grpc/handler.h"
#include "common/status/status_macros.h"
#include "services/feedback/domain/report_period.h"
#include "services/feedback/domain/topic_summary.h"
#include "services/feedback/feedback_service.h"

namespace cx::feedback {
namespace {

constexpr std::initializer_list<Role> kTopicReaders = {Role::kAdmin,
                                                        Role::kAnalyst};

// The id of the survey's first NPS question, or "".
std::string NpsQuestionOf(const v1::Survey& survey) {
  for (const v1::Question& q : survey.questions()) {
    if (q.type() == v1::QUESTION_TYPE_NPS) return q.id();
  }
  return "";
}

}  // namespace

absl::StatusOr<v1::TopicSummary> FeedbackService::DoGetTopicSummary(
    const Principal& caller, const v1::GetTopicSummaryRequest& r) {
  ASSIGN_OR_RETURN(auto parent, ParseResourceName("parent", r.parent(),
                                                  {"surveys"},
                                                  /*allow_wildcard_parent=*/true));
  const std::string survey_id = parent[0] == "-" ? "" : parent[0];
  if (!survey_id.empty()) {
    RETURN_IF_ERROR(surveys_->Get(caller.tenant, survey_id, 0).status());
  }
  ASSIGN_OR_RETURN(const ReportPeriod period,
                   ParseReportPeriod(r.has_start_time(), r.start_time(),
                                     r.has_end_time(), r.end_time()));
  TopicSummaryBuilder summary;
  // (survey id, version) -> its NPS question, looked up once per version.
  std::map<std::pair<std::string, int>, std::string> nps_questions;
  RETURN_IF_ERROR(responses_->ForEachResponseSubmitted(
      caller.tenant, survey_id, period.start, period.end,
      [&](const v1::Response& response) -> absl::Status {
        ASSIGN_OR_RETURN(auto ids,
                         ParseResourceName("response", response.name(),
                                           {"surveys", "responses"}));
        const std::pair<std::string, int> version{ids[0],
                                                  response.survey_version()};
        auto it = nps_questions.find(version);
        if (it == nps_questions.end()) {
          ASSIGN_OR_RETURN(auto survey,
                           surveys_->GetShared(caller.tenant, version.first,
                                               version.second));
          it = nps_questions.emplace(version, NpsQuestionOf(*survey)).first;
        }
        std::optional<int> nps;
        for (const v1::Answer& a : response.answers()) {
          if (!it->second.empty() && a.question_id() == it->second &&
              a.value_case() == v1::Answer::kScore) {
            nps = a.score();
          }
        }
        summary.Add(response, nps);
        return absl::OkStatus();
      }));
  return summary.Build();
}

grpc::Status FeedbackService::GetTopicSummary(
    grpc::ServerContext* context, const v1::GetTopicSummaryRequest* r,
    v1::TopicSummary* out) {
  return HandleCall(*context, "GetTopicSummary", *authorizer_, kTopicReaders,
                    [&](const Principal& p) {
                      return AssignTo(DoGetTopicSummary(p, *r), out);
                    });
}

}  // namespace cx::feedback
