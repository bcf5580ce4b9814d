#include "services/feedback/domain/survey_rules.h"

#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "tests/testing/status_fields.h"
#include "tests/services/feedback/test_surveys.h"

namespace cx::feedback {
namespace {

using cx::testing::BadRequestFields;
using testing::AllTypesSurvey;
using testing::Q;

const absl::Time kNow = absl::FromUnixSeconds(1790000000);

TEST(SurveyRulesTest, AllQuestionTypesAreValid) {
  EXPECT_TRUE(ValidateSurvey(AllTypesSurvey(), true).ok());
}

TEST(SurveyRulesTest, EachViolationNamesItsField) {
  v1::Survey s = AllTypesSurvey();
  s.set_display_name("");
  s.mutable_questions(1)->set_id("Bad Id");
  s.mutable_questions(3)->set_scale_max(0);       // rating min >= max
  s.mutable_questions(4)->mutable_choices(1)->set_id("a");  // duplicate
  s.mutable_questions(6)->mutable_text()->clear();  // no default-locale text
  *s.add_questions() = Q("nps", v1::QUESTION_TYPE_NPS);  // duplicate id
  v1::Question csat = Q("csat2", v1::QUESTION_TYPE_CSAT);
  csat.set_scale_max(9);  // fixed-scale types take no custom scale
  *s.add_questions() = csat;
  const auto fields = BadRequestFields(ValidateSurvey(s, false));
  const std::vector<std::string> expected = {
      "survey.display_name",
      "survey.questions[1].id",
      "survey.questions[3].scale_max",
      "survey.questions[4].choices[1].id",
      "survey.questions[6].text",
      "survey.questions[7].id",
      "survey.questions[8].scale_min"};
  EXPECT_EQ(fields, expected);
}

TEST(SurveyRulesTest, ChoiceQuestionsNeedTwoChoices) {
  v1::Survey s = AllTypesSurvey();
  s.mutable_questions(4)->mutable_choices()->DeleteSubrange(1, 2);
  EXPECT_EQ(BadRequestFields(ValidateSurvey(s, false)),
            std::vector<std::string>{"survey.questions[4].choices"});
}

TEST(SurveyRulesTest, PublishingNeedsAQuestion) {
  v1::Survey s;
  s.set_display_name("empty");
  s.set_default_locale("en");
  EXPECT_TRUE(ValidateSurvey(s, false).ok());
  EXPECT_EQ(BadRequestFields(ValidateSurvey(s, true)),
            std::vector<std::string>{"survey.questions"});
}

TEST(SurveyRulesTest, Locales) {
  for (const char* ok : {"en", "sv-SE", "zh-Hant-TW", "deu"}) {
    EXPECT_TRUE(IsValidLocale(ok)) << ok;
  }
  for (const char* bad : {"", "e", "english", "en_US", "en-", "sv--SE"}) {
    EXPECT_FALSE(IsValidLocale(bad)) << bad;
  }
}

TEST(SurveyRulesTest, ScalesOfScoredTypes) {
  EXPECT_EQ(ScaleOf(Q("a", v1::QUESTION_TYPE_NPS))->max, 10);
  EXPECT_EQ(ScaleOf(Q("a", v1::QUESTION_TYPE_CSAT))->min, 1);
  EXPECT_EQ(ScaleOf(Q("a", v1::QUESTION_TYPE_CES))->max, 7);
  EXPECT_FALSE(ScaleOf(Q("a", v1::QUESTION_TYPE_FREE_TEXT)).has_value());
}

TEST(SurveyLifecycleTest, DraftEditsInPlace) {
  v1::Survey current = AllTypesSurvey();
  current.set_state(v1::Survey::STATE_DRAFT);
  current.set_version(1);
  v1::Survey patch;
  patch.set_display_name("Renamed");
  google::protobuf::FieldMask mask;
  mask.add_paths("display_name");
  auto write = ApplySurveyUpdate(patch, mask, kNow, &current);
  ASSERT_TRUE(write.ok()) << write.status();
  EXPECT_EQ(*write, SurveyWrite::kHead);
  EXPECT_EQ(current.display_name(), "Renamed");
  EXPECT_EQ(current.version(), 1);
  EXPECT_EQ(current.questions_size(), 7);
}

TEST(SurveyLifecycleTest, PublishedEditsCreateAVersion) {
  v1::Survey current = AllTypesSurvey();
  current.set_state(v1::Survey::STATE_DRAFT);
  current.set_version(1);
  ASSERT_EQ(*ApplyPublish(kNow, &current), SurveyWrite::kHeadAndNewVersion);
  EXPECT_EQ(current.state(), v1::Survey::STATE_PUBLISHED);
  EXPECT_EQ(current.publish_time().seconds(), 1790000000);
  v1::Survey patch = current;
  *patch.add_questions() = Q("extra", v1::QUESTION_TYPE_FREE_TEXT);
  google::protobuf::FieldMask mask;
  mask.add_paths("questions");
  ASSERT_EQ(*ApplySurveyUpdate(patch, mask, kNow, &current),
            SurveyWrite::kHeadAndNewVersion);
  EXPECT_EQ(current.version(), 2);
  EXPECT_EQ(current.questions_size(), 8);
}

TEST(SurveyLifecycleTest, PublishedQuestionsKeepTheirType) {
  v1::Survey current = AllTypesSurvey();
  current.set_state(v1::Survey::STATE_PUBLISHED);
  current.set_version(3);
  v1::Survey patch = current;
  patch.mutable_questions(0)->set_type(v1::QUESTION_TYPE_CSAT);
  const absl::Status s =
      ApplySurveyUpdate(patch, {}, kNow, &current).status();
  EXPECT_EQ(BadRequestFields(s), std::vector<std::string>{"survey.questions[0].type"});
  EXPECT_EQ(current.version(), 3);  // unchanged on failure
}

TEST(SurveyLifecycleTest, UnknownMaskPathIsRejected) {
  v1::Survey current = AllTypesSurvey();
  google::protobuf::FieldMask mask;
  mask.add_paths("state");
  EXPECT_EQ(BadRequestFields(ApplySurveyUpdate(current, mask, kNow, &current).status()),
            std::vector<std::string>{"update_mask"});
}

TEST(SurveyLifecycleTest, DeleteDraftRemovesPublishedArchives) {
  v1::Survey draft = AllTypesSurvey();
  draft.set_state(v1::Survey::STATE_DRAFT);
  EXPECT_EQ(*ApplyDelete(kNow, &draft), SurveyWrite::kDelete);
  v1::Survey published = AllTypesSurvey();
  published.set_state(v1::Survey::STATE_PUBLISHED);
  EXPECT_EQ(*ApplyDelete(kNow, &published), SurveyWrite::kHead);
  EXPECT_EQ(published.state(), v1::Survey::STATE_ARCHIVED);
  EXPECT_EQ(*ApplyDelete(kNow, &published), SurveyWrite::kNone);
  EXPECT_EQ(ApplyPublish(kNow, &published).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ApplySurveyUpdate(published, {}, kNow, &published).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace cx::feedback
