#include "tools/cxctl/demo_data.h"

#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/grpc/metadata.h"
#include "common/grpc/status_conversion.h"
#include "common/nps.h"
#include "common/proto_time.h"
#include "common/status/status_macros.h"

namespace cx {
namespace {

namespace fb = cx::feedback::v1;
using cx::type::v1::Channel;

fb::Question MakeQuestion(const std::string& id, fb::QuestionType type,
                          bool required, const std::string& en,
                          const std::string& sv) {
  fb::Question q;
  q.set_id(id);
  q.set_type(type);
  q.set_required(required);
  (*q.mutable_text())["en"] = en;
  (*q.mutable_text())["sv"] = sv;
  return q;
}

absl::StatusOr<fb::Survey> EnsurePublished(
    fb::FeedbackService::StubInterface& stub, const std::string& token,
    const std::string& request_id, const fb::Survey& survey) {
  fb::CreateSurveyRequest create;
  *create.mutable_survey() = survey;
  create.set_request_id(request_id);
  fb::Survey created;
  auto ctx = MakeClientContext(token, absl::Seconds(10), request_id);
  RETURN_IF_ERROR(FromGrpcStatus(stub.CreateSurvey(ctx.get(), create, &created)));
  fb::PublishSurveyRequest publish;
  publish.set_name(created.name());
  fb::Survey published;
  ctx = MakeClientContext(token, absl::Seconds(10));
  RETURN_IF_ERROR(
      FromGrpcStatus(stub.PublishSurvey(ctx.get(), publish, &published)));
  return published;
}

constexpr const char* kComments[] = {
    "Fast delivery and friendly support, thank you!",
    "The app keeps crashing when I try to pay. Very frustrating.",
    "Billing was confusing, I was charged twice.",
    "Great product quality, I will recommend you to my friends.",
    "Snabb leverans och bra service!",  // [4] and [5]: Swedish
    "Priset är för högt för vad man får.",
    "Support took three days to answer my email.",
    "Everything worked as expected.",
};

constexpr const char* kSinceTheUpdate[] = {
    "The app keeps crashing since the last update.",
    "I cannot log in since the new login page, so annoying.",
};

}  // namespace

absl::StatusOr<DemoSummary> LoadDemoData(
    fb::FeedbackService::StubInterface& stub, const std::string& token,
    int responses, absl::Time now) {
  fb::Survey nps;
  nps.set_display_name("Relationship NPS");
  nps.set_description("Quarterly relationship survey sent to every customer.");
  nps.set_default_locale("en");
  *nps.add_questions() = MakeQuestion(
      "recommend", fb::QUESTION_TYPE_NPS, true,
      "How likely are you to recommend us to a friend or colleague?",
      "Hur troligt är det att du skulle rekommendera oss?");
  *nps.add_questions() =
      MakeQuestion("reason", fb::QUESTION_TYPE_FREE_TEXT, false,
                   "What is the main reason for your score?",
                   "Vad är huvudskälet till ditt betyg?");
  ASSIGN_OR_RETURN(fb::Survey nps_survey,
                   EnsurePublished(stub, token, "demo-survey-nps", nps));

  fb::Survey csat;
  csat.set_display_name("Support CSAT");
  csat.set_description("Sent after a support conversation is closed.");
  csat.set_default_locale("en");
  *csat.add_questions() = MakeQuestion(
      "satisfaction", fb::QUESTION_TYPE_CSAT, true,
      "How satisfied are you with the support you received?",
      "Hur nöjd är du med supporten du fick?");
  *csat.add_questions() =
      MakeQuestion("effort", fb::QUESTION_TYPE_CES, false,
                   "How easy was it to get your issue resolved?",
                   "Hur enkelt var det att få hjälp?");
  fb::Question topic =
      MakeQuestion("topic", fb::QUESTION_TYPE_SINGLE_CHOICE, false,
                   "What was your issue about?", "Vad gällde ditt ärende?");
  for (const char* id : {"billing", "delivery", "product", "other"}) {
    fb::Choice* c = topic.add_choices();
    c->set_id(id);
    (*c->mutable_text())["en"] = id;
    (*c->mutable_text())["sv"] = id;
  }
  *csat.add_questions() = topic;
  ASSIGN_OR_RETURN(fb::Survey csat_survey,
                   EnsurePublished(stub, token, "demo-survey-csat", csat));

  std::mt19937 rng(42);  // same demo data on every machine
  const Channel channels[] = {
      cx::type::v1::CHANNEL_EMAIL, cx::type::v1::CHANNEL_WEB,
      cx::type::v1::CHANNEL_SMS,   cx::type::v1::CHANNEL_CHAT,
      cx::type::v1::CHANNEL_PHONE, cx::type::v1::CHANNEL_IN_APP};
  const char* touchpoints[] = {"journeys/onboarding/touchpoints/welcome-email",
                               "journeys/onboarding/touchpoints/first-login",
                               "journeys/support/touchpoints/chat",
                               "journeys/billing/touchpoints/invoice"};
  DemoSummary summary{nps_survey.name(), csat_survey.name(), 0};
  for (int i = 0; i < responses; ++i) {
    const bool is_nps = i % 5 < 3;
    fb::SubmitResponseRequest req;
    req.set_parent(is_nps ? nps_survey.name() : csat_survey.name());
    req.set_request_id(absl::StrCat("demo-response-", i));
    fb::Response* r = req.mutable_response();
    r->set_channel(channels[rng() % 6]);
    r->set_customer_id(absl::StrFormat("cust-%04d", rng() % 150 + 1));
    r->set_touchpoint(touchpoints[rng() % 4]);
    r->set_team(rng() % 2 ? "teams/support-emea" : "teams/support-us");
    r->set_agent(absl::StrFormat("employees/agent-%02d", rng() % 8 + 1));
    const absl::Time submitted =
        now - absl::Minutes(static_cast<int>(rng() % (90 * 24 * 60)));
    *r->mutable_submit_time() = ToProto(submitted);
    // The last month's story: an app update broke logins and payments, so
    // half the comments are about it (GetTopicSummary with compare_previous
    // shows product_quality rising and "login", which no topic covers).
    const bool after_update = now - submitted < absl::Hours(24 * 30);
    const char* comment = after_update && rng() % 2 == 0
                              ? kSinceTheUpdate[rng() % 2]
                              : kComments[rng() % 8];
    const bool swedish = comment == kComments[4] || comment == kComments[5];
    r->set_locale(swedish ? "sv" : "en");
    if (is_nps) {
      // Skewed towards promoters, like most real programmes.
      const int score = kTypicalNpsAnswers[rng() % 20];
      fb::Answer* a = r->add_answers();
      a->set_question_id("recommend");
      a->set_score(score);
      if (rng() % 3 != 0) {
        fb::Answer* why = r->add_answers();
        why->set_question_id("reason");
        why->set_text(comment);
      }
    } else {
      fb::Answer* a = r->add_answers();
      a->set_question_id("satisfaction");
      a->set_score(static_cast<int>(rng() % 5) + 1);
      fb::Answer* effort = r->add_answers();
      effort->set_question_id("effort");
      effort->set_score(static_cast<int>(rng() % 7) + 1);
      fb::Answer* t = r->add_answers();
      t->set_question_id("topic");
      const char* topics[] = {"billing", "delivery", "product", "other"};
      t->set_choice_id(topics[rng() % 4]);
    }
    fb::Response stored;
    auto ctx = MakeClientContext(token, absl::Seconds(10), req.request_id());
    RETURN_IF_ERROR(FromGrpcStatus(stub.SubmitResponse(ctx.get(), req, &stored)));
    ++summary.responses;
  }
  return summary;
}

}  // namespace cx
