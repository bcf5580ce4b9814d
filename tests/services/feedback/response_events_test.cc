#include "services/feedback/domain/response_events.h"

#include "gtest/gtest.h"
#include "services/feedback/outbox/metric_events.h"
#include "tests/services/feedback/test_surveys.h"

namespace cx::feedback {
namespace {

TEST(ResponseEventsTest, CarriesScoredAnswersWithTheirScales) {
  v1::Survey survey = testing::AllTypesSurvey();
  survey.set_audience(v1::Survey::AUDIENCE_EMPLOYEE);
  v1::Response r = testing::NpsResponse(9, cx::type::v1::CHANNEL_SMS);
  r.set_name("surveys/s1/responses/r1");
  r.set_team("north");
  *r.add_answers() = testing::Score("stars", 7);
  v1::Answer text;
  text.set_question_id("comment");
  text.set_text("great");
  *r.add_answers() = text;
  const v1::ResponseRecorded e = RecordedEvent(survey, r, "ev1");
  EXPECT_EQ(e.response(), "surveys/s1/responses/r1");
  EXPECT_EQ(e.event_id(), "ev1");
  EXPECT_TRUE(e.employee_survey());
  EXPECT_EQ(e.team(), "north");
  ASSERT_EQ(e.scores_size(), 2);  // the text answer is not scored
  EXPECT_EQ(e.scores(0).scale_max(), 10);
  EXPECT_EQ(e.scores(1).question_id(), "stars");
  EXPECT_EQ(e.scores(1).scale_min(), 1);

  // ...and as cx-metrics receives it. No customer id leaves cx-feedback.
  v1::ResponsesRecorded row;
  *row.add_responses() = e;
  const auto metric =
      ToMetricEvents("row-id", kResponsesRecordedType, row.SerializeAsString());
  ASSERT_TRUE(metric.ok());
  ASSERT_EQ(metric->size(), 1u);
  EXPECT_EQ((*metric)[0].event_id(),
            "ev1");  // the event's own id, not the row's
  const metrics::v1::Observation& o = (*metric)[0].observation();
  EXPECT_EQ(o.source(), "surveys/s1/responses/r1");
  EXPECT_TRUE(o.employee());
  EXPECT_EQ(o.channel(), cx::type::v1::CHANNEL_SMS);
  EXPECT_EQ(o.scores(1).question(), "surveys/s1/questions/stars");
  EXPECT_EQ(o.scores(1).kind(), metrics::v1::SCORE_KIND_RATING);
  EXPECT_EQ((*metric)[0].SerializeAsString().find("cust-1"), std::string::npos);

  // Rows written one per response, before batches, are named by the row.
  const auto single =
      ToMetricEvents("row-2", kResponseRecordedType, e.SerializeAsString());
  ASSERT_TRUE(single.ok());
  ASSERT_EQ(single->size(), 1u);
  EXPECT_EQ((*single)[0].event_id(), "row-2");

  EXPECT_EQ(
      ToMetricEvents("ev2", kResponsesRecordedType, "\xff\xff").status().code(),
      absl::StatusCode::kDataLoss);
  v1::ResponsesRecorded without_id;
  without_id.add_responses()->set_response("surveys/s1/responses/r2");
  EXPECT_EQ(ToMetricEvents("ev3", kResponsesRecordedType,
                           without_id.SerializeAsString())
                .status()
                .code(),
            absl::StatusCode::kDataLoss);
  EXPECT_TRUE(
      ToMetricEvents("ev4", "cx.feedback.v1.SomethingElse", "")->empty());
}

}  // namespace
}  // namespace cx::feedback
