#include "services/feedback/domain/response_rules.h"

#include "common/proto_time.h"
#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "tests/testing/status_fields.h"
#include "tests/services/feedback/test_surveys.h"

namespace cx::feedback {
namespace {

using cx::testing::BadRequestFields;
using testing::AllTypesSurvey;
using testing::NpsResponse;
using testing::Score;

const absl::Time kNow = absl::FromUnixSeconds(1790000000);

v1::Response Full() {
  v1::Response r = NpsResponse(9);
  *r.add_answers() = Score("csat", 5);
  *r.add_answers() = Score("ces", 7);
  *r.add_answers() = Score("stars", 10);
  v1::Answer plan;
  plan.set_question_id("plan");
  plan.set_choice_id("b");
  *r.add_answers() = plan;
  v1::Answer tags;
  tags.set_question_id("tags");
  // std::string arguments: the const char* overload trips a g++ 12 false -Wrestrict.
  tags.mutable_choices()->add_choice_ids(std::string("a"));
  tags.mutable_choices()->add_choice_ids(std::string("c"));
  *r.add_answers() = tags;
  v1::Answer text;
  text.set_question_id("comment");
  text.set_text("Snabb leverans, tack!");
  *r.add_answers() = text;
  r.set_touchpoint("journeys/onboarding/touchpoints/welcome-email");
  r.set_team("teams/support-emea");
  r.set_agent("employees/agent-7");
  r.set_locale("sv-SE");
  return r;
}

TEST(ResponseRulesTest, AValidResponseOfEveryType) {
  EXPECT_TRUE(ValidateResponse(AllTypesSurvey(), Full(), kNow).ok());
}

TEST(ResponseRulesTest, ScoreRangesPerType) {
  struct Case {
    const char* question;
    int low_bad, low_ok, high_ok, high_bad;
  };
  for (const Case& c : {Case{"nps", -1, 0, 10, 11}, Case{"csat", 0, 1, 5, 6},
                        Case{"ces", 0, 1, 7, 8}, Case{"stars", 0, 1, 10, 11}}) {
    for (int score : {c.low_ok, c.high_ok}) {
      v1::Response r = NpsResponse(5);
      if (std::string(c.question) != "nps") *r.add_answers() = Score(c.question, score);
      else r.mutable_answers(0)->set_score(score);
      EXPECT_TRUE(ValidateResponse(AllTypesSurvey(), r, kNow).ok())
          << c.question << "=" << score;
    }
    for (int score : {c.low_bad, c.high_bad}) {
      v1::Response r = NpsResponse(5);
      int index = 0;
      if (std::string(c.question) != "nps") {
        *r.add_answers() = Score(c.question, score);
        index = 1;
      } else {
        r.mutable_answers(0)->set_score(score);
      }
      EXPECT_EQ(BadRequestFields(ValidateResponse(AllTypesSurvey(), r, kNow)),
                std::vector<std::string>{"response.answers[" +
                                         std::to_string(index) + "].score"})
          << c.question << "=" << score;
    }
  }
}

TEST(ResponseRulesTest, EveryRejectionNamesItsField) {
  v1::Response r = Full();
  r.set_channel(cx::type::v1::CHANNEL_UNSPECIFIED);
  r.set_team("squad/7");
  r.set_locale("english");
  r.mutable_answers(4)->set_choice_id("zzz");           // unknown choice
  r.mutable_answers(5)->mutable_choices()->add_choice_ids(std::string("a"));  // twice
  r.mutable_answers(6)->set_score(3);                   // text question
  *r.add_answers() = Score("nope", 1);
  *r.add_answers() = Score("csat", 4);                   // answered twice
  *r.mutable_submit_time() = ToProto(kNow + absl::Hours(1));
  const std::vector<std::string> expected = {
      "response.channel",
      "response.team",
      "response.locale",
      "response.submit_time",
      "response.answers[4].choice_id",
      "response.answers[5].choices.choice_ids[2]",
      "response.answers[6].text",
      "response.answers[7].question_id",
      "response.answers[8].question_id"};
  EXPECT_EQ(BadRequestFields(ValidateResponse(AllTypesSurvey(), r, kNow)), expected);
}

TEST(ResponseRulesTest, CustomerIdsAreExactAndBounded) {
  for (const std::string& bad : std::vector<std::string>{
           " c-1", "c-1 ", "c\t1", "c-1\n", std::string(129, 'c')}) {
    v1::Response r = Full();
    r.set_customer_id(bad);
    EXPECT_EQ(BadRequestFields(ValidateResponse(AllTypesSurvey(), r, kNow)),
              std::vector<std::string>{"response.customer_id"})
        << "'" << bad << "'";
  }
  for (const std::string& good : std::vector<std::string>{
           "", "c-1", "Anna Svensson", "kund-åäö", std::string(128, 'c')}) {
    v1::Response r = Full();
    r.set_customer_id(good);
    EXPECT_TRUE(ValidateResponse(AllTypesSurvey(), r, kNow).ok()) << good;
  }
}

TEST(ResponseRulesTest, RequiredQuestionsMustBeAnswered) {
  v1::Response r;
  r.set_channel(cx::type::v1::CHANNEL_EMAIL);
  *r.add_answers() = Score("csat", 4);
  EXPECT_EQ(BadRequestFields(ValidateResponse(AllTypesSurvey(), r, kNow)),
            std::vector<std::string>{"response.answers"});
}

TEST(ResponseRulesTest, PrimaryScoreIsTheFirstScoredQuestion) {
  EXPECT_EQ(PrimaryScore(AllTypesSurvey(), Full()), 9);
  v1::Response r;
  *r.add_answers() = Score("ces", 2);
  EXPECT_EQ(PrimaryScore(AllTypesSurvey(), r), 2);
  EXPECT_FALSE(PrimaryScore(AllTypesSurvey(), v1::Response()).has_value());
}

TEST(ResponseRulesTest, RequestIds) {
  EXPECT_TRUE(IsValidRequestId(""));
  EXPECT_TRUE(IsValidRequestId("3f2a-retry-1"));
  EXPECT_FALSE(IsValidRequestId(std::string(65, 'a')));
  EXPECT_FALSE(IsValidRequestId("has space"));
}

}  // namespace
}  // namespace cx::feedback
