// FeedbackService: what customers write about over a period, and their
// comments analysed again after the taxonomy changed.

#include <algorithm>
#include <map>
#include <utility>

#include "common/api/pagination.h"
#include "common/api/resource_name.h"
#include "common/hash.h"
#include "common/grpc/handler.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/util/time_util.h"
#include "common/status/status_macros.h"
#include "services/feedback/domain/comment_analysis.h"
#include "services/feedback/domain/report_period.h"
#include "services/feedback/domain/response_filter.h"
#include "services/feedback/domain/response_rules.h"
#include "services/feedback/domain/topic_comparison.h"
#include "services/feedback/domain/topic_summary.h"
#include "services/feedback/feedback_service.h"
#include "services/feedback/store/resource_names.h"

namespace cx::feedback {
namespace {

constexpr std::initializer_list<Role> kTopicReaders = {Role::kAdmin,
                                                        Role::kAnalyst};
constexpr std::initializer_list<Role> kReanalysers = {Role::kAdmin};

// The response's answer to the survey's first question of `type`, if any.
std::optional<int> FirstAnswer(const v1::Survey& survey,
                               const v1::Response& response,
                               v1::QuestionType type) {
  for (const v1::Question& q : survey.questions()) {
    if (q.type() != type) continue;
    for (const v1::Answer& a : response.answers()) {
      if (a.question_id() == q.id() && a.value_case() == v1::Answer::kScore) {
        return a.score();
      }
    }
    return std::nullopt;
  }
  return std::nullopt;
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
  ASSIGN_OR_RETURN(const std::vector<ResponseCondition> conditions,
                   ParseResponseFilter(r.filter()));
  // (survey id, version) -> the survey version, looked up once each.
  std::map<std::pair<std::string, int>, std::shared_ptr<const v1::Survey>>
      surveys;
  const auto summarise = [&](absl::Time from,
                             absl::Time before) -> absl::StatusOr<v1::TopicSummary> {
    TopicSummaryBuilder summary;
    RETURN_IF_ERROR(responses_->ForEachResponseSubmitted(
        caller.tenant, survey_id, from, before,
        [&](const v1::Response& response) -> absl::Status {
          const std::pair<std::string, int> version{
              SurveyIdOfResponse(response.name()), response.survey_version()};
          auto it = surveys.find(version);
          if (it == surveys.end()) {
            ASSIGN_OR_RETURN(auto survey,
                             surveys_->GetShared(caller.tenant, version.first,
                                                 version.second));
            it = surveys.emplace(version, std::move(survey)).first;
          }
          const v1::Survey& survey = *it->second;
          const std::optional<int> score = PrimaryScore(survey, response);
          for (const ResponseCondition& c : conditions) {
            if (!Matches(c, response, score)) return absl::OkStatus();
          }
          summary.Add(response,
                      {FirstAnswer(survey, response, v1::QUESTION_TYPE_NPS),
                       FirstAnswer(survey, response, v1::QUESTION_TYPE_CSAT),
                       FirstAnswer(survey, response, v1::QUESTION_TYPE_CES)});
          return absl::OkStatus();
        }));
    return summary.Build();
  };
  ASSIGN_OR_RETURN(v1::TopicSummary summary,
                   summarise(period.start, period.end));
  if (r.compare_previous()) {
    // As long as the period, but not before the first valid timestamp.
    const absl::Time earliest = absl::FromUnixSeconds(
        google::protobuf::util::TimeUtil::kTimestampMinSeconds);
    ASSIGN_OR_RETURN(
        v1::TopicSummary previous,
        summarise(std::max(earliest, period.start - (period.end - period.start)),
                  period.start));
    CompareWithPrevious(std::move(previous), &summary);
  }
  return summary;
}

grpc::Status FeedbackService::GetTopicSummary(
    grpc::ServerContext* context, const v1::GetTopicSummaryRequest* r,
    v1::TopicSummary* out) {
  return HandleCall(*context, "GetTopicSummary", *authorizer_, kTopicReaders,
                    [&](const Principal& p) {
                      return AssignTo(DoGetTopicSummary(p, *r), out);
                    });
}

absl::StatusOr<v1::ReanalyzeResponsesResponse>
FeedbackService::DoReanalyzeResponses(const Principal& caller,
                                      const v1::ReanalyzeResponsesRequest& r) {
  const uint64_t fingerprint =
      Fnv1a64(r.filter(), Fnv1a64(r.parent(), Fnv1a64("reanalyze")));
  ASSIGN_OR_RETURN(const ResponseListQuery query,
                   ResponsePageQuery(caller, r.parent(), r.page_size(),
                                     r.filter(), r.page_token(), fingerprint));
  ASSIGN_OR_RETURN(const ResponsePage page,
                   responses_->List(caller.tenant, query));
  ASSIGN_OR_RETURN(const auto taxonomy, TaxonomyFor(caller.tenant));
  std::vector<v1::Response> changed;
  for (const v1::Response& stored : page.responses) {
    v1::Response again = stored;
    // Read as on ingest (PrepareResponse).
    AnalyzeComments(*analyzer_, taxonomy.get(),
                    text::TextAnalyzer::Hint::kFallback, &again);
    if (!google::protobuf::util::MessageDifferencer::Equals(again, stored)) {
      changed.push_back(std::move(again));
    }
  }
  RETURN_IF_ERROR(responses_->ReplaceAnalyses(caller.tenant, changed));
  v1::ReanalyzeResponsesResponse out;
  out.set_reanalyzed(static_cast<int64_t>(page.responses.size()));
  out.set_changed(static_cast<int64_t>(changed.size()));
  if (page.more && !page.responses.empty()) {
    out.set_next_page_token(
        NextPageToken(page.responses.back().name(), fingerprint));
  }
  return out;
}

grpc::Status FeedbackService::ReanalyzeResponses(
    grpc::ServerContext* context, const v1::ReanalyzeResponsesRequest* r,
    v1::ReanalyzeResponsesResponse* out) {
  return HandleCall(*context, "ReanalyzeResponses", *authorizer_, kReanalysers,
                    [&](const Principal& p) {
                      return AssignTo(DoReanalyzeResponses(p, *r), out);
                    });
}

}  // namespace cx::feedback
