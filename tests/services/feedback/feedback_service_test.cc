// The real FeedbackService on an in-process channel, stores faked in memory.
#include "services/feedback/feedback_service.h"

#include "common/grpc/metadata.h"
#include "common/grpc/status_conversion.h"
#include "common/proto_time.h"
#include "common/status/errors.h"
#include "google/rpc/error_details.pb.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "services/feedback/store/memory_case_store.h"
#include "services/feedback/store/memory_response_store.h"
#include "services/feedback/store/memory_survey_store.h"
#include "tests/services/feedback/feedback_service_fixture.h"
#include "tests/services/feedback/test_surveys.h"
#include "tests/testing/status_fields.h"
#include "tests/testing/test_tokens.h"

namespace cx::feedback {
namespace {

using cx::testing::BadRequestFields;
using cx::testing::TestToken;
using grpc::StatusCode;

// A survey store whose database is down.
class DownSurveyStore final : public SurveyStore {
 public:
  absl::StatusOr<v1::Survey> Create(const std::string&, const std::string&,
                                    const v1::Survey&,
                                    const std::string&) override {
    return Down();
  }
  absl::StatusOr<v1::Survey> Get(const std::string&, const std::string&,
                                 int) override {
    return Down();
  }
  absl::StatusOr<SurveyPage> List(const std::string&,
                                  const SurveyListQuery&) override {
    return Down();
  }
  absl::StatusOr<v1::Survey> Mutate(
      const std::string&, const std::string&, const std::string&,
      absl::FunctionRef<absl::StatusOr<SurveyWrite>(v1::Survey&)>) override {
    return Down();
  }

 private:
  static absl::Status Down() {
    return Unavailable("the database is unreachable", absl::Seconds(1));
  }
};

// --- Authentication and authorisation ---------------------------------------

TEST_F(FeedbackServiceTest, NoTokenIsUnauthenticated) {
  grpc::ClientContext ctx;
  v1::ListSurveysResponse out;
  const grpc::Status s = stub_->ListSurveys(&ctx, {}, &out);
  EXPECT_EQ(s.error_code(), StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ReasonOf(s), "MISSING_CREDENTIALS");
}

TEST_F(FeedbackServiceTest, BadSignatureIsUnauthenticated) {
  JwtKey other{JwtAlgorithm::kHs256, "some-other-secret-0123456789abcdefgh"};
  TokenClaims claims{"acme", "mallory", {"admin"}, clock_.Now()};
  auto ctx = MakeClientContext(*MintToken(other, claims), absl::Seconds(5));
  v1::ListSurveysResponse out;
  const grpc::Status s = stub_->ListSurveys(ctx.get(), {}, &out);
  EXPECT_EQ(s.error_code(), StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(ReasonOf(s), "INVALID_TOKEN");
}

TEST_F(FeedbackServiceTest, ExpiredTokenIsUnauthenticated) {
  const std::string token = TestToken("acme", {"admin"}, clock_.Now());
  v1::ListSurveysResponse out;
  // Accepted (and remembered by the authorizer) while valid ...
  EXPECT_TRUE(stub_->ListSurveys(MakeClientContext(token, absl::Seconds(5)).get(),
                                 {}, &out)
                  .ok());
  clock_.Advance(absl::Hours(2));
  // ... and refused once expired, remembered or not.
  EXPECT_EQ(stub_->ListSurveys(MakeClientContext(token, absl::Seconds(5)).get(),
                               {}, &out)
                .error_code(),
            StatusCode::UNAUTHENTICATED);
}

TEST_F(FeedbackServiceTest, WrongRoleIsPermissionDenied) {
  v1::CreateSurveyRequest create;
  *create.mutable_survey() = testing::AllTypesSurvey();
  v1::Survey survey;
  grpc::Status s =
      stub_->CreateSurvey(As("acme", {"agent", "analyst"}).get(), create, &survey);
  EXPECT_EQ(s.error_code(), StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ReasonOf(s), "MISSING_ROLE");
  // Ingest may submit but not read responses back.
  v1::ListResponsesRequest list;
  list.set_parent("surveys/-");
  v1::ListResponsesResponse out;
  EXPECT_EQ(stub_->ListResponses(As("acme", {"ingest"}).get(), list, &out)
                .error_code(),
            StatusCode::PERMISSION_DENIED);
  // Employees have no business in the feedback service.
  v1::ListSurveysResponse surveys;
  EXPECT_EQ(stub_->ListSurveys(As("acme", {"employee"}).get(), {}, &surveys)
                .error_code(),
            StatusCode::PERMISSION_DENIED);
}

// --- Surveys ------------------------------------------------------------------

TEST_F(FeedbackServiceTest, CreateValidatesEveryField) {
  v1::CreateSurveyRequest create;
  *create.mutable_survey() = testing::AllTypesSurvey();
  create.mutable_survey()->set_display_name("");
  create.mutable_survey()->mutable_questions(0)->set_type(
      v1::QUESTION_TYPE_UNSPECIFIED);
  create.set_request_id("has spaces");
  v1::Survey out;
  grpc::Status s = stub_->CreateSurvey(As("acme").get(), create, &out);
  EXPECT_EQ(s.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadRequestFields(s), std::vector<std::string>{"request_id"});
  create.clear_request_id();
  s = stub_->CreateSurvey(As("acme").get(), create, &out);
  EXPECT_EQ(BadRequestFields(s), (std::vector<std::string>{
                              "survey.display_name", "survey.questions[0].type"}));
  EXPECT_EQ(surveys_.List("acme", {})->surveys.size(), 0u);  // nothing written
}

TEST_F(FeedbackServiceTest, SurveyLifecycle) {
  v1::CreateSurveyRequest create;
  *create.mutable_survey() = testing::AllTypesSurvey();
  create.mutable_survey()->set_state(v1::Survey::STATE_ARCHIVED);  // ignored
  v1::Survey draft;
  ASSERT_TRUE(stub_->CreateSurvey(As("acme").get(), create, &draft).ok());
  EXPECT_EQ(draft.state(), v1::Survey::STATE_DRAFT);
  EXPECT_EQ(draft.version(), 1);
  EXPECT_EQ(draft.audience(), v1::Survey::AUDIENCE_CUSTOMER);

  // A stale etag loses.
  v1::UpdateSurveyRequest update;
  *update.mutable_survey() = draft;
  update.mutable_survey()->set_display_name("Renamed");
  update.mutable_survey()->set_etag("\"r999\"");
  update.mutable_update_mask()->add_paths("display_name");
  v1::Survey updated;
  grpc::Status s = stub_->UpdateSurvey(As("acme").get(), update, &updated);
  EXPECT_EQ(s.error_code(), StatusCode::ABORTED);
  EXPECT_EQ(ReasonOf(s), "ETAG_MISMATCH");
  update.mutable_survey()->set_etag(draft.etag());
  ASSERT_TRUE(stub_->UpdateSurvey(As("acme").get(), update, &updated).ok());
  EXPECT_EQ(updated.display_name(), "Renamed");
  EXPECT_EQ(updated.version(), 1);

  // Responses need a published survey.
  v1::Response out;
  s = Submit(draft.name(), testing::NpsResponse(9), &out);
  EXPECT_EQ(s.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "SURVEY_NOT_PUBLISHED");

  v1::PublishSurveyRequest publish;
  publish.set_name(draft.name());
  v1::Survey published;
  ASSERT_TRUE(stub_->PublishSurvey(As("acme").get(), publish, &published).ok());
  ASSERT_TRUE(Submit(draft.name(), testing::NpsResponse(9), &out).ok());
  EXPECT_EQ(out.survey_version(), 1);

  // An edit of a published survey is a new version; old answers keep theirs.
  update.mutable_survey()->set_etag(published.etag());
  update.mutable_survey()->set_display_name("Renamed again");
  ASSERT_TRUE(stub_->UpdateSurvey(As("acme").get(), update, &updated).ok());
  EXPECT_EQ(updated.version(), 2);
  v1::Response second;
  ASSERT_TRUE(Submit(draft.name(), testing::NpsResponse(3), &second).ok());
  EXPECT_EQ(second.survey_version(), 2);
  v1::GetSurveyRequest get;
  get.set_name(draft.name() + "@1");
  v1::Survey v1_survey;
  ASSERT_TRUE(stub_->GetSurvey(As("acme").get(), get, &v1_survey).ok());
  EXPECT_EQ(v1_survey.display_name(), "Renamed");

  // Deleting a published survey archives it; archived surveys refuse answers.
  v1::DeleteSurveyRequest del;
  del.set_name(draft.name());
  v1::Survey archived;
  ASSERT_TRUE(stub_->DeleteSurvey(As("acme").get(), del, &archived).ok());
  EXPECT_EQ(archived.state(), v1::Survey::STATE_ARCHIVED);
  s = Submit(draft.name(), testing::NpsResponse(9), &out);
  EXPECT_EQ(ReasonOf(s), "SURVEY_ARCHIVED");
  EXPECT_EQ(CountResponses(draft.name()), 2);
}

TEST_F(FeedbackServiceTest, CreateWithRequestIdIsIdempotent) {
  v1::CreateSurveyRequest create;
  *create.mutable_survey() = testing::AllTypesSurvey();
  create.set_request_id("create-1");
  v1::Survey a, b;
  ASSERT_TRUE(stub_->CreateSurvey(As("acme").get(), create, &a).ok());
  ASSERT_TRUE(stub_->CreateSurvey(As("acme").get(), create, &b).ok());
  EXPECT_EQ(a.name(), b.name());
  EXPECT_EQ(surveys_.List("acme", {})->surveys.size(), 1u);
}

TEST_F(FeedbackServiceTest, ListSurveysFiltersAndPages) {
  for (int i = 0; i < 3; ++i) CreatePublished();
  v1::CreateSurveyRequest create;
  *create.mutable_survey() = testing::AllTypesSurvey();
  v1::Survey draft;
  ASSERT_TRUE(stub_->CreateSurvey(As("acme").get(), create, &draft).ok());
  v1::ListSurveysRequest req;
  req.set_filter("state = PUBLISHED");
  req.set_page_size(2);
  v1::ListSurveysResponse page;
  ASSERT_TRUE(stub_->ListSurveys(As("acme", {"analyst"}).get(), req, &page).ok());
  EXPECT_EQ(page.surveys_size(), 2);
  ASSERT_FALSE(page.next_page_token().empty());
  req.set_page_token(page.next_page_token());
  ASSERT_TRUE(stub_->ListSurveys(As("acme", {"analyst"}).get(), req, &page).ok());
  EXPECT_EQ(page.surveys_size(), 1);
  EXPECT_TRUE(page.next_page_token().empty());
  // The token belongs to the filtered query.
  req.set_filter("state = DRAFT");
  grpc::Status s = stub_->ListSurveys(As("acme").get(), req, &page);
  EXPECT_EQ(BadRequestFields(s), std::vector<std::string>{"page_token"});
  req.clear_page_token();
  req.set_filter("colour = red");
  s = stub_->ListSurveys(As("acme").get(), req, &page);
  EXPECT_EQ(BadRequestFields(s), std::vector<std::string>{"filter"});
  req.set_filter("");
  req.set_page_size(-1);
  s = stub_->ListSurveys(As("acme").get(), req, &page);
  EXPECT_EQ(BadRequestFields(s), std::vector<std::string>{"page_size"});
}

// --- Responses ----------------------------------------------------------------

TEST_F(FeedbackServiceTest, SubmitValidatesAgainstTheSurvey) {
  const v1::Survey survey = CreatePublished();
  v1::Response r = testing::NpsResponse(11);
  r.set_channel(cx::type::v1::CHANNEL_UNSPECIFIED);
  v1::Response out;
  const grpc::Status s = Submit(survey.name(), r, &out);
  EXPECT_EQ(s.error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(BadRequestFields(s), (std::vector<std::string>{"response.channel",
                                                    "response.answers[0].score"}));
  EXPECT_EQ(CountResponses(survey.name()), 0);
  EXPECT_EQ(BadRequestFields(Submit("surveys/nope", testing::NpsResponse(1), &out)),
            std::vector<std::string>{"parent"});
}

TEST_F(FeedbackServiceTest, SubmitFillsServerFields) {
  const v1::Survey survey = CreatePublished();
  v1::Response out;
  ASSERT_TRUE(Submit(survey.name(), testing::NpsResponse(10), &out).ok());
  EXPECT_EQ(out.name().rfind(survey.name() + "/responses/", 0), 0u);
  EXPECT_EQ(out.create_time().seconds(), 1790000000);
  EXPECT_EQ(out.submit_time().seconds(), 1790000000);
  EXPECT_EQ(out.locale(), "en");
  v1::GetResponseRequest get;
  get.set_name(out.name());
  v1::Response got;
  ASSERT_TRUE(stub_->GetResponse(As("acme", {"agent"}).get(), get, &got).ok());
  EXPECT_EQ(got.answers(0).score(), 10);
}

TEST_F(FeedbackServiceTest, ABasicViewAcknowledgesWithoutEchoingTheAnswers) {
  const v1::Survey survey = CreatePublished();
  v1::SubmitResponseRequest req;
  req.set_parent(survey.name());
  *req.mutable_response() = testing::NpsResponse(3);
  req.mutable_response()->set_team("teams/care");
  req.set_view(v1::RESPONSE_VIEW_BASIC);
  v1::Response basic;
  ASSERT_TRUE(
      stub_->SubmitResponse(As("acme", {"ingest"}).get(), req, &basic).ok());
  EXPECT_EQ(basic.name().rfind(survey.name() + "/responses/", 0), 0u);
  EXPECT_EQ(basic.customer_id(), "cust-1");
  EXPECT_EQ(basic.create_time().seconds(), 1790000000);
  EXPECT_EQ(basic.answers_size(), 0);
  EXPECT_EQ(basic.team(), "");
  // Stored in full all the same, and a retry gets the same view.
  v1::GetResponseRequest get;
  get.set_name(basic.name());
  v1::Response got;
  ASSERT_TRUE(stub_->GetResponse(As("acme", {"agent"}).get(), get, &got).ok());
  EXPECT_EQ(got.answers(0).score(), 3);
  EXPECT_EQ(got.team(), "teams/care");
  req.set_view(v1::RESPONSE_VIEW_FULL);
  v1::Response full;
  ASSERT_TRUE(
      stub_->SubmitResponse(As("acme", {"ingest"}).get(), req, &full).ok());
  EXPECT_EQ(full.answers(0).score(), 3);

  req.set_view(static_cast<v1::ResponseView>(7));
  v1::Response refused;
  const grpc::Status bad =
      stub_->SubmitResponse(As("acme", {"ingest"}).get(), req, &refused);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(cx::testing::BadRequestFields(bad), std::vector<std::string>{"view"});
  EXPECT_EQ(CountResponses(survey.name()), 2);
}

TEST_F(FeedbackServiceTest, SameRequestIdTwiceStoresOneResponse) {
  const v1::Survey survey = CreatePublished();
  v1::Response a, b;
  ASSERT_TRUE(Submit(survey.name(), testing::NpsResponse(4), &a, "r-1").ok());
  ASSERT_TRUE(Submit(survey.name(), testing::NpsResponse(4), &b, "r-1").ok());
  EXPECT_EQ(a.name(), b.name());
  EXPECT_EQ(CountResponses(survey.name()), 1);
}

TEST_F(FeedbackServiceTest, TenantsNeverSeeEachOthersData) {
  const v1::Survey survey = CreatePublished("acme");
  v1::Response response;
  ASSERT_TRUE(Submit(survey.name(), testing::NpsResponse(8), &response).ok());

  v1::GetSurveyRequest get_survey;
  get_survey.set_name(survey.name());
  v1::Survey s_out;
  grpc::Status s = stub_->GetSurvey(As("globex").get(), get_survey, &s_out);
  EXPECT_EQ(s.error_code(), StatusCode::NOT_FOUND);
  v1::GetResponseRequest get_response;
  get_response.set_name(response.name());
  v1::Response r_out;
  EXPECT_EQ(stub_->GetResponse(As("globex").get(), get_response, &r_out)
                .error_code(),
            StatusCode::NOT_FOUND);
  EXPECT_EQ(Submit(survey.name(), testing::NpsResponse(1), &r_out, "", "globex")
                .error_code(),
            StatusCode::NOT_FOUND);
  v1::ListResponsesRequest list;
  list.set_parent(survey.name());
  v1::ListResponsesResponse l_out;
  EXPECT_EQ(stub_->ListResponses(As("globex").get(), list, &l_out).error_code(),
            StatusCode::NOT_FOUND);
  EXPECT_EQ(CountResponses("surveys/-", "globex"), 0);
  v1::UpdateSurveyRequest update;
  *update.mutable_survey() = survey;
  EXPECT_EQ(stub_->UpdateSurvey(As("globex").get(), update, &s_out).error_code(),
            StatusCode::NOT_FOUND);
  v1::DeleteSurveyRequest del;
  del.set_name(survey.name());
  EXPECT_EQ(stub_->DeleteSurvey(As("globex").get(), del, &s_out).error_code(),
            StatusCode::NOT_FOUND);
  EXPECT_EQ(CountResponses(survey.name(), "acme"), 1);
}

TEST_F(FeedbackServiceTest, ListResponsesFiltersAndPagesEveryRowOnce) {
  const v1::Survey survey = CreatePublished();
  for (int i = 0; i < 23; ++i) {
    v1::Response out;
    clock_.Advance(absl::Seconds(1));
    ASSERT_TRUE(Submit(survey.name(),
                       testing::NpsResponse(i % 11, i % 2 ? cx::type::v1::CHANNEL_EMAIL
                                                          : cx::type::v1::CHANNEL_SMS),
                       &out)
                    .ok());
  }
  v1::ListResponsesRequest req;
  req.set_parent("surveys/-");
  req.set_filter("channel = EMAIL AND score <= 6");
  req.set_page_size(2);
  std::set<std::string> seen;
  int pages = 0;
  do {
    v1::ListResponsesResponse page;
    ASSERT_TRUE(stub_->ListResponses(As("acme", {"analyst"}).get(), req, &page).ok());
    for (const auto& r : page.responses()) {
      EXPECT_TRUE(seen.insert(r.name()).second);
      EXPECT_EQ(r.channel(), cx::type::v1::CHANNEL_EMAIL);
      EXPECT_LE(r.answers(0).score(), 6);
    }
    req.set_page_token(page.next_page_token());
    ++pages;
  } while (!req.page_token().empty() && pages < 20);
  // Odd i < 23 have scores 1,3,5,7,9,0,2,4,6,8,10; seven of them are <= 6.
  EXPECT_EQ(seen.size(), 7u);
}

TEST_F(FeedbackServiceTest, FreeTextIsAnalysedOnIngest) {
  const v1::Survey survey = CreatePublished();
  v1::Response r = testing::NpsResponse(2);
  r.set_locale("sv");
  v1::Answer* comment = r.add_answers();
  comment->set_question_id("comment");
  comment->set_text("Leveransen var sen och fakturan var fel. Dålig service!");
  // Whatever a client sends as analysis is replaced.
  comment->mutable_analysis()->set_sentiment_score(0.9);
  v1::Response out;
  ASSERT_TRUE(Submit(survey.name(), r, &out).ok());
  const v1::TextAnalysis& a = out.answers(1).analysis();
  EXPECT_EQ(a.language(), "sv");
  EXPECT_EQ(a.sentiment(), v1::TextAnalysis::SENTIMENT_NEGATIVE);
  EXPECT_EQ(std::vector<std::string>(a.topics().begin(), a.topics().end()),
            (std::vector<std::string>{"delivery", "billing"}));
  EXPECT_FALSE(out.answers(0).has_analysis());  // scores are not text
  v1::GetResponseRequest get;
  get.set_name(out.name());
  v1::Response stored;
  ASSERT_TRUE(stub_->GetResponse(As("acme").get(), get, &stored).ok());
  EXPECT_EQ(stored.answers(1).analysis().sentiment(),
            v1::TextAnalysis::SENTIMENT_NEGATIVE);
}

TEST_F(FeedbackServiceTest, CommentsInAnotherLanguageThanTheSurveysAreReadInTheirOwn) {
  const v1::Survey survey = CreatePublished();  // default locale "en"
  auto analyse = [&](const std::string& locale, const std::string& text) {
    v1::Response r = testing::NpsResponse(3);
    r.set_locale(locale);
    v1::Answer* comment = r.add_answers();
    comment->set_question_id("comment");
    comment->set_text(text);
    v1::Response out;
    EXPECT_TRUE(Submit(survey.name(), r, &out).ok());
    return out;
  };
  // No locale: the survey's is only a default, and these words are Swedish
  // and German.
  v1::Response sv = analyse("", "Leveransen var sen och supporten svarade aldrig.");
  EXPECT_EQ(sv.locale(), "en");  // the response's stored default
  const v1::TextAnalysis& a = sv.answers(1).analysis();
  EXPECT_EQ(a.language(), "sv");
  EXPECT_EQ(a.sentiment(), v1::TextAnalysis::SENTIMENT_NEGATIVE);
  EXPECT_EQ(std::vector<std::string>(a.topics().begin(), a.topics().end()),
            (std::vector<std::string>{"delivery", "support"}));
  const v1::TextAnalysis de =
      analyse("", "Sehr freundlicher Kundenservice, vielen Dank!")
          .answers(1)
          .analysis();
  EXPECT_EQ(de.language(), "de");
  for (const std::string& k : de.keywords()) EXPECT_NE(k, "sehr");
  // Nothing in "ok" tells a language: the locale decides, the survey's or
  // the response's own.
  EXPECT_EQ(analyse("", "ok").answers(1).analysis().language(), "en");
  EXPECT_EQ(analyse("da", "ok").answers(1).analysis().language(), "da");
  // A response's locale is often the page's, not the customer's: the words
  // still decide.
  EXPECT_EQ(analyse("sv", "Support took three days to answer my email.")
                .answers(1)
                .analysis()
                .language(),
            "en");
  // Reanalysis reads them the same way: nothing to change.
  v1::ReanalyzeResponsesRequest req;
  req.set_parent("surveys/-");
  v1::ReanalyzeResponsesResponse again;
  ASSERT_TRUE(stub_->ReanalyzeResponses(As("acme", {"admin"}).get(), req, &again)
                  .ok());
  EXPECT_EQ(again.reanalyzed(), 5);
  EXPECT_EQ(again.changed(), 0);
}

TEST_F(FeedbackServiceTest, AnalyzeText) {
  v1::AnalyzeTextRequest req;
  req.set_text("Der Kundenservice war sehr freundlich, vielen Dank!");
  v1::TextAnalysis out;
  ASSERT_TRUE(stub_->AnalyzeText(As("acme", {"agent"}).get(), req, &out).ok());
  EXPECT_EQ(out.language(), "de");
  EXPECT_EQ(out.sentiment(), v1::TextAnalysis::SENTIMENT_POSITIVE);
  req.set_text(std::string(10001, 'x'));
  req.set_language_code("not a tag");
  const grpc::Status s = stub_->AnalyzeText(As("acme").get(), req, &out);
  EXPECT_EQ(BadRequestFields(s),
            (std::vector<std::string>{"text", "language_code"}));
  EXPECT_EQ(stub_->AnalyzeText(As("acme", {"employee"}).get(), req, &out)
                .error_code(),
            StatusCode::PERMISSION_DENIED);
}

TEST_F(FeedbackServiceTest, StoreOutageIsUnavailableWithRetryInfo) {
  server_->Shutdown();
  DownSurveyStore down;
  Start(&down);
  v1::GetSurveyRequest get;
  get.set_name("surveys/0190f1a2b3c47d8e9f00112233445566");
  v1::Survey out;
  const grpc::Status s = stub_->GetSurvey(As("acme").get(), get, &out);
  EXPECT_EQ(s.error_code(), StatusCode::UNAVAILABLE);
  bool has_retry = false;
  const google::rpc::Status rpc_status = RpcStatusOf(s);
  for (const auto& any : rpc_status.details()) {
    has_retry |= any.Is<google::rpc::RetryInfo>();
  }
  EXPECT_TRUE(has_retry);
}

}  // namespace
}  // namespace cx::feedback

namespace cx::feedback {
namespace {

TEST_F(FeedbackServiceTest, TenantTopicTaxonomyDrivesTopics) {
  v1::TopicTaxonomy defaults;
  ASSERT_TRUE(stub_->GetTopicTaxonomy(As("acme", {"analyst"}).get(), {}, &defaults)
                  .ok());
  EXPECT_EQ(defaults.topics_size(), 5);
  EXPECT_EQ(defaults.topics(0).name(), "delivery");

  v1::UpdateTopicTaxonomyRequest req;
  v1::TopicDefinition* app = req.mutable_taxonomy()->add_topics();
  app->set_name("mobile_app");
  (*app->mutable_keywords())["en"].add_keywords("App");
  (*app->mutable_keywords())["en"].add_keywords("log in");
  (*app->mutable_keywords())["sv"].add_keywords("appen");
  v1::TopicTaxonomy stored;
  EXPECT_EQ(stub_->UpdateTopicTaxonomy(As("acme", {"analyst"}).get(), req, &stored)
                .error_code(),
            StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(
      stub_->UpdateTopicTaxonomy(As("acme", {"admin"}).get(), req, &stored).ok());
  EXPECT_EQ(stored.topics(0).keywords().at("en").keywords(0), "app");  // folded

  v1::AnalyzeTextRequest analyze;
  analyze.set_text("I cannot log in to the app and delivery was late");
  v1::TextAnalysis out;
  ASSERT_TRUE(stub_->AnalyzeText(As("acme", {"agent"}).get(), analyze, &out).ok());
  EXPECT_EQ(std::vector<std::string>(out.topics().begin(), out.topics().end()),
            std::vector<std::string>{"mobile_app"});
  // Another tenant still has the built-in topics.
  ASSERT_TRUE(stub_->AnalyzeText(As("globex", {"agent"}).get(), analyze, &out).ok());
  EXPECT_EQ(std::vector<std::string>(out.topics().begin(), out.topics().end()),
            std::vector<std::string>{"delivery"});

  v1::TopicDefinition* bad = req.mutable_taxonomy()->add_topics();
  bad->set_name("Mobile App");
  (*bad->mutable_keywords())["fr"].add_keywords("appli");
  EXPECT_EQ(BadRequestFields(stub_->UpdateTopicTaxonomy(
                As("acme", {"admin"}).get(), req, &stored)),
            (std::vector<std::string>{"taxonomy.topics[1].name",
                                      "taxonomy.topics[1].keywords[fr]"}));
}

}  // namespace
}  // namespace cx::feedback
