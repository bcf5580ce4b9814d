#include "services/feedback/feedback_service.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/field_mask.h"
#include "common/api/filter.h"
#include "common/api/pagination.h"
#include "common/api/resource_name.h"
#include "common/grpc/handler.h"
#include "common/hash.h"
#include "common/ids.h"
#include "common/log.h"
#include "common/proto_time.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "services/feedback/domain/closed_loop.h"
#include "services/feedback/domain/comment_analysis.h"
#include "services/feedback/domain/response_events.h"
#include "services/feedback/domain/response_filter.h"
#include "services/feedback/domain/response_rules.h"
#include "services/feedback/domain/response_view.h"
#include "services/feedback/domain/survey_rules.h"
#include "services/feedback/domain/topic_taxonomy.h"
#include "services/feedback/store/opened_case.h"
#include "services/feedback/store/resource_names.h"
#include "services/feedback/submit_stream.h"

namespace cx::feedback {
namespace {

constexpr std::initializer_list<Role> kSurveyWriters = {Role::kAdmin};
constexpr std::initializer_list<Role> kSurveyReaders = {
    Role::kAdmin, Role::kAnalyst, Role::kAgent, Role::kIngest};
constexpr std::initializer_list<Role> kSubmitters = {Role::kAdmin,
                                                      Role::kIngest};
constexpr std::initializer_list<Role> kResponseReaders = {
    Role::kAdmin, Role::kAnalyst, Role::kAgent};
constexpr std::initializer_list<Role> kTextAnalysts = {
    Role::kAdmin, Role::kAnalyst, Role::kAgent, Role::kIngest};
constexpr size_t kMaxAnalyzeTextBytes = 10000;
constexpr char kTaxonomySetting[] = "topic_taxonomy";

absl::StatusOr<std::string> SurveyIdOf(absl::string_view field,
                                       absl::string_view name) {
  ASSIGN_OR_RETURN(auto ids, ParseResourceName(field, name, {"surveys"}));
  return ids[0];
}

absl::Status CheckRequestId(const std::string& request_id) {
  if (!IsValidRequestId(request_id)) {
    return InvalidField("request_id",
                        "must be at most 64 printable ASCII characters");
  }
  return absl::OkStatus();
}

// `state = "PUBLISHED"` / `audience = "EMPLOYEE"` joined by AND.
absl::Status ParseSurveyFilter(absl::string_view filter,
                               SurveyListQuery* query) {
  ASSIGN_OR_RETURN(auto conditions, ParseFilter(filter));
  for (const FilterCondition& c : conditions) {
    if (c.op != FilterOp::kEq) {
      return InvalidField("filter", "surveys can only be filtered with =");
    }
    const std::string value = absl::AsciiStrToUpper(c.value);
    if (c.field == "state") {
      v1::Survey::State state;
      const std::string name =
          value.rfind("STATE_", 0) == 0 ? value : "STATE_" + value;
      if (!v1::Survey::State_Parse(name, &state) ||
          state == v1::Survey::STATE_UNSPECIFIED) {
        return InvalidField("filter", "state is DRAFT, PUBLISHED or ARCHIVED");
      }
      query->state = state;
    } else if (c.field == "audience") {
      v1::Survey::Audience audience;
      const std::string name =
          value.rfind("AUDIENCE_", 0) == 0 ? value : "AUDIENCE_" + value;
      if (!v1::Survey::Audience_Parse(name, &audience) ||
          audience == v1::Survey::AUDIENCE_UNSPECIFIED) {
        return InvalidField("filter", "audience is CUSTOMER or EMPLOYEE");
      }
      query->audience = audience;
    } else {
      return InvalidField("filter", absl::StrCat("unknown field '", c.field,
                                                 "'; use state or audience"));
    }
  }
  return absl::OkStatus();
}

uint64_t QueryFingerprint(absl::string_view parent, absl::string_view filter) {
  return Fnv1a64(filter, Fnv1a64(parent));
}

}  // namespace

// --- Surveys ----------------------------------------------------------------

absl::StatusOr<v1::Survey> FeedbackService::DoCreateSurvey(
    const Principal& caller, const v1::CreateSurveyRequest& r) {
  RETURN_IF_ERROR(CheckRequestId(r.request_id()));
  if (!r.has_survey()) return InvalidField("survey", "is required");
  v1::Survey survey;
  // Output-only fields in the input are ignored (AIP-203).
  ApplyUpdateMask({}, UpdatableSurveyFields(), r.survey(), &survey);
  if (survey.default_locale().empty()) survey.set_default_locale("en");
  if (survey.audience() == v1::Survey::AUDIENCE_UNSPECIFIED) {
    survey.set_audience(v1::Survey::AUDIENCE_CUSTOMER);
  }
  RETURN_IF_ERROR(ValidateSurvey(survey, /*for_publish=*/false));
  const absl::Time now = clock_->Now();
  survey.set_state(v1::Survey::STATE_DRAFT);
  survey.set_version(1);
  *survey.mutable_create_time() = ToProto(now);
  *survey.mutable_update_time() = ToProto(now);
  return surveys_->Create(caller.tenant, NewId(*clock_), survey,
                          r.request_id());
}

absl::StatusOr<v1::Survey> FeedbackService::DoGetSurvey(
    const Principal& caller, const v1::GetSurveyRequest& r) {
  // `surveys/{id}@{version}` names a past published version (AIP-162).
  std::vector<absl::string_view> parts =
      absl::StrSplit(r.name(), absl::MaxSplits('@', 1));
  int version = 0;
  if (parts.size() == 2 && (!absl::SimpleAtoi(parts[1], &version) ||
                            version < 1)) {
    return InvalidField("name", "the version after @ must be a positive integer");
  }
  ASSIGN_OR_RETURN(std::string id, SurveyIdOf("name", parts[0]));
  return surveys_->Get(caller.tenant, id, version);
}

absl::StatusOr<v1::ListSurveysResponse> FeedbackService::DoListSurveys(
    const Principal& caller, const v1::ListSurveysRequest& r) {
  SurveyListQuery query;
  ASSIGN_OR_RETURN(query.limit, EffectivePageSize(r.page_size()));
  RETURN_IF_ERROR(ParseSurveyFilter(r.filter(), &query));
  const uint64_t fingerprint = QueryFingerprint("surveys", r.filter());
  ASSIGN_OR_RETURN(query.after_id, DecodePageToken(r.page_token(), fingerprint));
  ASSIGN_OR_RETURN(SurveyPage page, surveys_->List(caller.tenant, query));
  v1::ListSurveysResponse out;
  for (auto& s : page.surveys) *out.add_surveys() = std::move(s);
  if (page.more && out.surveys_size() > 0) {
    out.set_next_page_token(NextPageToken(
        out.surveys(out.surveys_size() - 1).name(), fingerprint));
  }
  return out;
}

grpc::Status FeedbackService::CreateSurvey(grpc::ServerContext* context,
                                           const v1::CreateSurveyRequest* r,
                                           v1::Survey* out) {
  return HandleCall(*context, "CreateSurvey", *authorizer_, kSurveyWriters,
                    [&](const Principal& p) {
                      return AssignTo(DoCreateSurvey(p, *r), out);
                    });
}

grpc::Status FeedbackService::GetSurvey(grpc::ServerContext* context,
                                        const v1::GetSurveyRequest* r,
                                        v1::Survey* out) {
  return HandleCall(*context, "GetSurvey", *authorizer_, kSurveyReaders,
                    [&](const Principal& p) {
                      return AssignTo(DoGetSurvey(p, *r), out);
                    });
}

grpc::Status FeedbackService::ListSurveys(grpc::ServerContext* context,
                                          const v1::ListSurveysRequest* r,
                                          v1::ListSurveysResponse* out) {
  return HandleCall(*context, "ListSurveys", *authorizer_, kSurveyReaders,
                    [&](const Principal& p) {
                      return AssignTo(DoListSurveys(p, *r), out);
                    });
}

absl::StatusOr<v1::Survey> FeedbackService::MutateSurvey(
    const Principal& caller, absl::string_view field, absl::string_view name,
    const std::string& etag,
    absl::FunctionRef<absl::StatusOr<SurveyWrite>(absl::Time, v1::Survey&)>
        change) {
  ASSIGN_OR_RETURN(std::string id, SurveyIdOf(field, name));
  const absl::Time now = clock_->Now();
  return surveys_->Mutate(caller.tenant, id, etag,
                          [&](v1::Survey& s) { return change(now, s); });
}

grpc::Status FeedbackService::UpdateSurvey(grpc::ServerContext* context,
                                           const v1::UpdateSurveyRequest* r,
                                           v1::Survey* out) {
  return HandleCall(
      *context, "UpdateSurvey", *authorizer_, kSurveyWriters,
      [&](const Principal& p) {
        return AssignTo(
            MutateSurvey(p, "survey.name", r->survey().name(),
                         r->survey().etag(),
                         [&](absl::Time now, v1::Survey& s) {
                           return ApplySurveyUpdate(r->survey(),
                                                    r->update_mask(), now, &s);
                         }),
            out);
      });
}

grpc::Status FeedbackService::DeleteSurvey(grpc::ServerContext* context,
                                           const v1::DeleteSurveyRequest* r,
                                           v1::Survey* out) {
  return HandleCall(*context, "DeleteSurvey", *authorizer_, kSurveyWriters,
                    [&](const Principal& p) {
                      return AssignTo(
                          MutateSurvey(p, "name", r->name(), r->etag(),
                                       [](absl::Time now, v1::Survey& s) {
                                         return ApplyDelete(now, &s);
                                       }),
                          out);
                    });
}

grpc::Status FeedbackService::PublishSurvey(grpc::ServerContext* context,
                                            const v1::PublishSurveyRequest* r,
                                            v1::Survey* out) {
  return HandleCall(*context, "PublishSurvey", *authorizer_, kSurveyWriters,
                    [&](const Principal& p) {
                      return AssignTo(
                          MutateSurvey(p, "name", r->name(), r->etag(),
                                       [](absl::Time now, v1::Survey& s) {
                                         return ApplyPublish(now, &s);
                                       }),
                          out);
                    });
}

// --- Responses --------------------------------------------------------------

absl::StatusOr<NewResponse> FeedbackService::PrepareResponse(
    const Principal& caller, const std::string& parent,
    const v1::Response& response, const std::string& request_id,
    bool open_cases) {
  ASSIGN_OR_RETURN(std::string survey_id, SurveyIdOf("parent", parent));
  ASSIGN_OR_RETURN(
      const std::shared_ptr<const v1::Survey> latest,
      surveys_->GetShared(caller.tenant, survey_id, /*version=*/0));
  const v1::Survey& survey = *latest;
  if (survey.state() != v1::Survey::STATE_PUBLISHED) {
    return FailedPrecondition(
        survey.state() == v1::Survey::STATE_ARCHIVED ? "SURVEY_ARCHIVED"
                                                     : "SURVEY_NOT_PUBLISHED",
        survey.name(), "only published surveys accept responses");
  }
  const absl::Time now = clock_->Now();
  RETURN_IF_ERROR(ValidateResponse(survey, response, now));

  NewResponse stored;
  stored.survey_id = survey_id;
  stored.id = NewId(*clock_);
  stored.request_id = request_id;
  stored.score = PrimaryScore(survey, response);
  v1::Response& resp = stored.response;
  resp = response;
  resp.set_name(ResponseName(survey_id, stored.id));
  resp.set_survey_version(survey.version());
  *resp.mutable_create_time() = ToProto(now);
  if (!resp.has_submit_time()) *resp.mutable_submit_time() = ToProto(now);
  if (resp.locale().empty()) resp.set_locale(survey.default_locale());
  // Free text is analysed on ingest and stored with the answer (what a
  // client sent as analysis is replaced: output only).
  std::shared_ptr<const text::TopicTaxonomy> taxonomy;
  if (HasFreeText(resp)) {
    ASSIGN_OR_RETURN(taxonomy, TaxonomyFor(caller.tenant));
  }
  // A locale is often the survey's, or the language of the page that showed
  // it, rather than the customer's: the comments' own words decide, the
  // locale only where they do not tell (as ReanalyzeResponses reads them).
  AnalyzeComments(*analyzer_, taxonomy.get(),
                  text::TextAnalyzer::Hint::kFallback, &resp);
  // An unhappy customer opens a case in the same transaction.
  if (open_cases) {
    ASSIGN_OR_RETURN(const auto policy, PolicyFor(caller.tenant));
    stored.opened_case = EvaluateRules(*policy, survey, resp, now);
    if (stored.opened_case) {
      stored.case_id = NewId(*clock_);
      stored.case_bodies =
          SerializeOpenedCase(stored.case_id, *stored.opened_case, now);
    }
  }
  // Metrics hear of it through the outbox, committed with the response.
  stored.event_id = NewId(*clock_);
  stored.recorded_event =
      RecordedEvent(survey, resp, stored.event_id).SerializeAsString();
  stored.body = resp.SerializeAsString();  // (see NewResponse::body)
  stored.topic_column = TopicColumn(resp);
  stored.keyword_column = KeywordColumn(resp);
  return stored;
}

void FeedbackService::Submit(const Principal& caller, const std::string& parent,
                             const v1::Response* response,
                             const std::string& request_id,
                             v1::ResponseView view, SubmitDone done) {
  auto prepare = [&]() -> absl::StatusOr<NewResponse> {
    RETURN_IF_ERROR(CheckRequestId(request_id));
    RETURN_IF_ERROR(ValidateResponseView(view));
    if (response == nullptr) {
      RETURN_IF_ERROR(SurveyIdOf("parent", parent).status());
      return InvalidField("response", "is required");
    }
    return PrepareResponse(caller, parent, *response, request_id,
                           /*open_cases=*/true);
  };
  absl::StatusOr<NewResponse> prepared = prepare();
  if (!prepared.ok()) return done(prepared.status());
  auto stored = std::make_shared<NewResponse>(*std::move(prepared));
  const bool opened_case = stored->opened_case.has_value();
  responses_->InsertAsync(
      caller.tenant, std::move(stored),
      [this, opened_case, view, done = std::move(done)](
          absl::StatusOr<v1::Response> result) {
        if (result.ok()) {
          NotifyRelay();
          if (opened_case) case_events_.NotifyAll();
          ApplyResponseView(view, &*result);
        }
        done(std::move(result));
      });
}

absl::StatusOr<v1::Response> FeedbackService::DoGetResponse(
    const Principal& caller, const v1::GetResponseRequest& r) {
  ASSIGN_OR_RETURN(auto ids,
                   ParseResourceName("name", r.name(), {"surveys", "responses"}));
  return responses_->Get(caller.tenant, ids[0], ids[1]);
}

absl::StatusOr<ResponseListQuery> FeedbackService::ResponsePageQuery(
    const Principal& caller, const std::string& parent_name, int32_t page_size,
    const std::string& filter, const std::string& page_token,
    uint64_t fingerprint) {
  ASSIGN_OR_RETURN(auto parent, ParseResourceName("parent", parent_name,
                                                  {"surveys"},
                                                  /*allow_wildcard_parent=*/true));
  ResponseListQuery query;
  if (parent[0] != "-") {
    query.survey_id = parent[0];
    // Listing under a survey that does not exist (for this tenant) is
    // NOT_FOUND rather than an empty page.
    RETURN_IF_ERROR(surveys_->Get(caller.tenant, query.survey_id, 0).status());
  }
  ASSIGN_OR_RETURN(query.limit, EffectivePageSize(page_size));
  ASSIGN_OR_RETURN(query.conditions, ParseResponseFilter(filter));
  ASSIGN_OR_RETURN(query.after_id, DecodePageToken(page_token, fingerprint));
  return query;
}

absl::StatusOr<v1::ListResponsesResponse> FeedbackService::DoListResponses(
    const Principal& caller, const v1::ListResponsesRequest& r) {
  const uint64_t fingerprint = QueryFingerprint(r.parent(), r.filter());
  ASSIGN_OR_RETURN(const ResponseListQuery query,
                   ResponsePageQuery(caller, r.parent(), r.page_size(),
                                     r.filter(), r.page_token(), fingerprint));
  ASSIGN_OR_RETURN(ResponsePage page, responses_->List(caller.tenant, query));
  v1::ListResponsesResponse out;
  for (auto& resp : page.responses) *out.add_responses() = std::move(resp);
  if (page.more && out.responses_size() > 0) {
    out.set_next_page_token(NextPageToken(
        out.responses(out.responses_size() - 1).name(), fingerprint));
  }
  return out;
}

grpc::Status FeedbackService::DeleteCustomerData(
    grpc::ServerContext* context, const v1::DeleteCustomerDataRequest* r,
    v1::DeleteCustomerDataResponse* out) {
  return HandleCall(
      *context, "DeleteCustomerData", *authorizer_, kSurveyWriters,
      [&](const Principal& p) -> absl::Status {
        if (r->customer_id().empty()) {
          return InvalidField("customer_id", "is required");
        }
        if (const char* problem = CustomerIdProblem(r->customer_id())) {
          return InvalidField("customer_id", problem);
        }
        ASSIGN_OR_RETURN(const ErasureCounts counts,
                         erasure_->EraseCustomer(p.tenant, r->customer_id(),
                                                 NewId(*clock_), clock_->Now()));
        NotifyRelay();
        out->set_responses_deleted(counts.responses);
        out->set_cases_deleted(counts.cases);
        out->set_case_events_deleted(counts.case_events);
        // The customer id itself is personal data: not in the log line.
        LogInfo("customer data erased",
                {{"responses", absl::StrCat(counts.responses)},
                 {"cases", absl::StrCat(counts.cases)}});
        return absl::OkStatus();
      });
}

absl::StatusOr<std::shared_ptr<const text::TopicTaxonomy>>
FeedbackService::TaxonomyFor(const std::string& tenant) {
  const absl::Time now = clock_->Now();
  if (auto cached = taxonomies_.Get(tenant, now)) return *std::move(cached);
  ASSIGN_OR_RETURN(std::optional<std::string> stored,
                   settings_->Get(tenant, kTaxonomySetting));
  auto taxonomy = std::make_shared<text::TopicTaxonomy>(text::DefaultTaxonomy());
  if (stored) {
    v1::TopicTaxonomy proto;
    if (!proto.ParseFromString(*stored)) {
      return absl::DataLossError("stored topic taxonomy cannot be parsed");
    }
    *taxonomy = TaxonomyFromProto(proto);
  }
  taxonomies_.Put(tenant, taxonomy, now);
  return std::shared_ptr<const text::TopicTaxonomy>(std::move(taxonomy));
}

absl::StatusOr<v1::TextAnalysis> FeedbackService::DoAnalyzeText(
    const Principal& caller, const v1::AnalyzeTextRequest& r) {
  FieldViolations v;
  if (r.text().size() > kMaxAnalyzeTextBytes) {
    v.Add("text", "must be at most 10000 bytes");
  }
  if (!r.language_code().empty() && !IsValidLocale(r.language_code())) {
    v.Add("language_code", "must be a BCP-47 tag such as en or sv-SE");
  }
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(auto taxonomy, TaxonomyFor(caller.tenant));
  return analyzer_->Analyze(r.text(), r.language_code(), *taxonomy);
}

grpc::Status FeedbackService::AnalyzeText(grpc::ServerContext* context,
                                          const v1::AnalyzeTextRequest* r,
                                          v1::TextAnalysis* out) {
  return HandleCall(*context, "AnalyzeText", *authorizer_, kTextAnalysts,
                    [&](const Principal& p) {
                      return AssignTo(DoAnalyzeText(p, *r), out);
                    });
}

grpc::Status FeedbackService::GetTopicTaxonomy(
    grpc::ServerContext* context, const v1::GetTopicTaxonomyRequest*,
    v1::TopicTaxonomy* out) {
  return HandleCall(*context, "GetTopicTaxonomy", *authorizer_, kTextAnalysts,
                    [&](const Principal& p) -> absl::Status {
                      ASSIGN_OR_RETURN(auto taxonomy, TaxonomyFor(p.tenant));
                      *out = TaxonomyToProto(*taxonomy);
                      return absl::OkStatus();
                    });
}

grpc::Status FeedbackService::UpdateTopicTaxonomy(
    grpc::ServerContext* context, const v1::UpdateTopicTaxonomyRequest* r,
    v1::TopicTaxonomy* out) {
  return HandleCall(
      *context, "UpdateTopicTaxonomy", *authorizer_, kSurveyWriters,
      [&](const Principal& p) -> absl::Status {
        RETURN_IF_ERROR(ValidateTaxonomy(r->taxonomy()));
        RETURN_IF_ERROR(settings_->Set(p.tenant, kTaxonomySetting,
                                       r->taxonomy().SerializeAsString(),
                                       clock_->Now()));
        taxonomies_.Erase(p.tenant);
        *out = TaxonomyToProto(TaxonomyFromProto(r->taxonomy()));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* FeedbackService::SubmitResponse(
    grpc::CallbackServerContext* context, const v1::SubmitResponseRequest* r,
    v1::Response* out) {
  return HandleAsyncCall(
      context, "SubmitResponse", *authorizer_, kSubmitters,
      [&](const Principal& p, FinishCall finish) {
        Submit(p, r->parent(), r->has_response() ? &r->response() : nullptr,
               r->request_id(), r->view(),
               [out, finish = std::move(finish)](
                   absl::StatusOr<v1::Response> result) {
                 finish(AssignTo(std::move(result), out));
               });
      });
}

grpc::ServerBidiReactor<v1::SubmitResponsesRequest, v1::SubmitResponsesResponse>*
FeedbackService::SubmitResponses(grpc::CallbackServerContext* context) {
  return new SubmitStream(this, context,
                          authorizer_->Authorize(*context, kSubmitters));
}

grpc::Status FeedbackService::GetResponse(grpc::ServerContext* context,
                                          const v1::GetResponseRequest* r,
                                          v1::Response* out) {
  return HandleCall(*context, "GetResponse", *authorizer_, kResponseReaders,
                    [&](const Principal& p) {
                      return AssignTo(DoGetResponse(p, *r), out);
                    });
}

grpc::Status FeedbackService::ListResponses(
    grpc::ServerContext* context, const v1::ListResponsesRequest* r,
    v1::ListResponsesResponse* out) {
  return HandleCall(*context, "ListResponses", *authorizer_, kResponseReaders,
                    [&](const Principal& p) {
                      return AssignTo(DoListResponses(p, *r), out);
                    });
}

grpc::Status FeedbackService::GetOutboxStatus(grpc::ServerContext* context,
                                              const v1::GetOutboxStatusRequest*,
                                              v1::OutboxStatus* out) {
  return HandleCall(*context, "GetOutboxStatus", *authorizer_, kSurveyWriters,
                    [&](const Principal&) -> absl::Status {
                      if (relay_ == nullptr) {
                        out->set_relay_enabled(false);
                        return absl::OkStatus();
                      }
                      return AssignTo(relay_->Status(), out);
                    });
}

}  // namespace cx::feedback
