#include "services/feedback/domain/closed_loop.h"

#include "absl/time/civil_time.h"
#include "common/proto_time.h"
#include "gtest/gtest.h"
#include "tests/services/feedback/test_surveys.h"
#include "tests/testing/status_fields.h"

namespace cx::feedback {
namespace {

using cx::testing::BadRequestFields;

const absl::Time kNow = absl::FromUnixSeconds(1790000000);

v1::Response Scored(const std::string& question, int score) {
  v1::Response r;
  r.set_name("surveys/s/responses/r");
  r.set_customer_id("c-1");
  *r.add_answers() = testing::Score(question, score);
  return r;
}

std::optional<v1::CasePriority> PriorityFor(const v1::Response& r) {
  auto c = EvaluateRules(DefaultClosedLoopPolicy(), testing::AllTypesSurvey(),
                         r, kNow);
  if (!c) return std::nullopt;
  return c->priority();
}

TEST(ClosedLoopTest, DefaultRulesOpenACaseForEveryMatchAndNoneOtherwise) {
  for (int score = 0; score <= 10; ++score) {
    const auto p = PriorityFor(Scored("nps", score));
    if (score <= 3) {
      EXPECT_EQ(p, v1::CASE_PRIORITY_URGENT) << "NPS " << score;
    } else if (score <= 6) {
      EXPECT_EQ(p, v1::CASE_PRIORITY_HIGH) << "NPS " << score;
    } else {
      EXPECT_FALSE(p.has_value()) << "NPS " << score;
    }
  }
  for (int score = 1; score <= 5; ++score) {
    EXPECT_EQ(PriorityFor(Scored("csat", score)).has_value(), score <= 2)
        << "CSAT " << score;
  }
  for (int score = 1; score <= 7; ++score) {
    EXPECT_EQ(PriorityFor(Scored("ces", score)).has_value(), score <= 3)
        << "CES " << score;
  }
  // A rating question is no NPS even at 0-10 style values.
  EXPECT_FALSE(PriorityFor(Scored("stars", 1)).has_value());
}

TEST(ClosedLoopTest, TextRules) {
  v1::Response r = Scored("nps", 9);
  v1::Answer* text = r.add_answers();
  text->set_question_id("comment");
  text->set_text("Fine, but I want to cancel my subscription");
  EXPECT_EQ(PriorityFor(r), v1::CASE_PRIORITY_HIGH);  // "cancel"
  text->set_text("Everything was awful");
  text->mutable_analysis()->set_sentiment_score(-0.7);
  EXPECT_EQ(PriorityFor(r), v1::CASE_PRIORITY_MEDIUM);
  text->mutable_analysis()->set_sentiment_score(-0.2);
  EXPECT_FALSE(PriorityFor(r).has_value());
}

TEST(ClosedLoopTest, TopicSentimentRulesCatchComplaintsAboutATopic) {
  v1::ClosedLoopPolicy policy;
  v1::CaseRule* rule = policy.add_rules();
  rule->set_id("billing complaint");
  rule->set_priority(v1::CASE_PRIORITY_HIGH);
  rule->mutable_topic_sentiment_at_most()->set_topic("billing");
  rule->mutable_topic_sentiment_at_most()->set_score(-0.3);
  ASSERT_TRUE(ValidatePolicy(policy).ok());
  auto with_topics = [](std::vector<std::pair<std::string, double>> topics) {
    v1::Response r = Scored("nps", 8);
    v1::Answer* text = r.add_answers();
    text->set_question_id("comment");
    text->set_text("...");
    for (const auto& [topic, score] : topics) {
      v1::TopicSentiment* t = text->mutable_analysis()->add_topic_sentiments();
      t->set_topic(topic);
      t->set_score(score);
    }
    return r;
  };
  auto opened = [&](const v1::Response& r) {
    return EvaluateRules(policy, testing::AllTypesSurvey(), r, kNow);
  };
  // Happy overall, unhappy about the invoice: a case, with the reason.
  const auto c = opened(with_topics({{"delivery", 0.8}, {"billing", -0.6}}));
  ASSERT_TRUE(c.has_value());
  ASSERT_EQ(c->reasons_size(), 1);
  EXPECT_EQ(c->reasons(0), "billing complaint: comment on billing sentiment -0.6");
  // Speaking well of billing, or badly of something else: none.
  EXPECT_FALSE(opened(with_topics({{"billing", 0.5}})).has_value());
  EXPECT_FALSE(opened(with_topics({{"delivery", -0.9}})).has_value());
  EXPECT_TRUE(opened(with_topics({{"billing", -0.3}})).has_value());  // at most

  rule->mutable_topic_sentiment_at_most()->set_topic("Billing!");
  rule->mutable_topic_sentiment_at_most()->set_score(-1.5);
  EXPECT_EQ(BadRequestFields(ValidatePolicy(policy)),
            (std::vector<std::string>{
                "policy.rules[0].topic_sentiment_at_most.topic",
                "policy.rules[0].topic_sentiment_at_most.score"}));
}

TEST(ClosedLoopTest, OneCaseWithTheHighestPriorityAndEveryReason) {
  v1::Response r = Scored("nps", 2);
  *r.add_answers() = testing::Score("csat", 1);
  auto c = EvaluateRules(DefaultClosedLoopPolicy(), testing::AllTypesSurvey(),
                         r, kNow);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->priority(), v1::CASE_PRIORITY_URGENT);
  EXPECT_EQ(c->reasons_size(), 3);  // angry detractor, detractor, dissatisfied
  EXPECT_EQ(c->state(), v1::Case::STATE_OPEN);
  EXPECT_EQ(c->response(), "surveys/s/responses/r");
  EXPECT_EQ(FromProto(c->due_time()), kNow + absl::Hours(4));
}

v1::CaseRule DetractorRule(const std::string& id, v1::CasePriority priority,
                           const std::string& owner) {
  v1::CaseRule rule;
  rule.set_id(id);
  rule.set_priority(priority);
  rule.mutable_score_at_most()->set_question_type("QUESTION_TYPE_NPS");
  rule.mutable_score_at_most()->set_score(6);
  rule.set_owner(owner);
  return rule;
}

TEST(ClosedLoopTest, ScopedRulesApplyOnlyToTheirSurveysChannelsAndTouchpoints) {
  v1::ClosedLoopPolicy policy;
  v1::CaseRule* rule = policy.add_rules();
  *rule = DetractorRule("support detractor", v1::CASE_PRIORITY_URGENT, "");
  rule->mutable_scope()->add_surveys("surveys/support");
  rule->mutable_scope()->add_channels(cx::type::v1::CHANNEL_PHONE);
  rule->mutable_scope()->add_channels(cx::type::v1::CHANNEL_CHAT);
  rule->mutable_scope()->add_touchpoints("journeys/j/touchpoints/helpdesk");
  v1::Survey survey = testing::AllTypesSurvey();
  survey.set_name("surveys/support");
  v1::Response r = Scored("nps", 4);
  r.set_channel(cx::type::v1::CHANNEL_CHAT);
  r.set_touchpoint("journeys/j/touchpoints/helpdesk");
  ASSERT_TRUE(EvaluateRules(policy, survey, r, kNow).has_value());

  v1::Response by_email = r;
  by_email.set_channel(cx::type::v1::CHANNEL_EMAIL);
  EXPECT_FALSE(EvaluateRules(policy, survey, by_email, kNow).has_value());
  v1::Response elsewhere = r;
  elsewhere.set_touchpoint("journeys/j/touchpoints/checkout");
  EXPECT_FALSE(EvaluateRules(policy, survey, elsewhere, kNow).has_value());
  v1::Survey other = survey;
  other.set_name("surveys/onboarding");
  EXPECT_FALSE(EvaluateRules(policy, other, r, kNow).has_value());

  // An empty list admits every value.
  rule->mutable_scope()->clear_touchpoints();
  EXPECT_TRUE(EvaluateRules(policy, survey, elsewhere, kNow).has_value());
}

TEST(ClosedLoopTest, TheHighestPriorityRuleWithAnOwnerAssignsTheCase) {
  v1::ClosedLoopPolicy policy;
  *policy.add_rules() = DetractorRule("a", v1::CASE_PRIORITY_HIGH, "teams/care");
  *policy.add_rules() = DetractorRule("b", v1::CASE_PRIORITY_URGENT, "");
  *policy.add_rules() =
      DetractorRule("c", v1::CASE_PRIORITY_URGENT, "employees/ann");
  *policy.add_rules() =
      DetractorRule("d", v1::CASE_PRIORITY_URGENT, "teams/late");
  auto c = EvaluateRules(policy, testing::AllTypesSurvey(), Scored("nps", 2),
                         kNow);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->owner(), "employees/ann");
  EXPECT_EQ(c->priority(), v1::CASE_PRIORITY_URGENT);
  EXPECT_EQ(c->reasons_size(), 4);

  // No owner named: the case stays unassigned.
  policy.mutable_rules()->DeleteSubrange(2, 2);
  policy.mutable_rules(0)->clear_owner();
  c = EvaluateRules(policy, testing::AllTypesSurvey(), Scored("nps", 2), kNow);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->owner(), "");
}

TEST(ClosedLoopTest, TenantSlaOverridesDefaults) {
  v1::ClosedLoopPolicy policy = DefaultClosedLoopPolicy();
  (*policy.mutable_sla())["CASE_PRIORITY_HIGH"].set_seconds(3600);
  EXPECT_EQ(SlaFor(policy, v1::CASE_PRIORITY_HIGH), absl::Hours(1));
  EXPECT_EQ(SlaFor(policy, v1::CASE_PRIORITY_LOW), absl::Hours(168));
}

TEST(ClosedLoopTest, BusinessHoursStopTheSlaClockOpeningAndEscalating) {
  v1::ClosedLoopPolicy policy = DefaultClosedLoopPolicy();
  v1::BusinessHours* hours = policy.mutable_business_hours();
  hours->set_time_zone("UTC");
  hours->add_days(google::type::MONDAY);
  hours->mutable_start_time()->set_hours(9);
  hours->mutable_end_time()->set_hours(17);
  ASSERT_TRUE(ValidatePolicy(policy).ok());
  // Monday 2026-11-23 15:00 UTC; an angry detractor has 4 h (URGENT): 2 h
  // today, 2 h next Monday.
  const absl::Time monday = absl::FromCivil(
      absl::CivilMinute(2026, 11, 23, 15, 0), absl::UTCTimeZone());
  auto c = EvaluateRules(policy, testing::AllTypesSurvey(), Scored("nps", 1),
                         monday);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(FromProto(c->due_time()), monday + absl::Hours(24 * 7 - 4));
  // Escalated on Tuesday from MEDIUM to HIGH, whose 24 h are three Mondays:
  // due at 17:00 on the third Monday after.
  c->set_priority(v1::CASE_PRIORITY_MEDIUM);
  Escalate(policy, monday + absl::Hours(24), &*c);
  EXPECT_EQ(FromProto(c->due_time()), monday + absl::Hours(24 * 21 + 2));

  policy.mutable_business_hours()->clear_days();
  EXPECT_EQ(BadRequestFields(ValidatePolicy(policy)),
            std::vector<std::string>{"policy.business_hours.days"});
}

TEST(ClosedLoopTest, Transitions) {
  using S = v1::Case;
  const std::vector<std::pair<S::State, S::State>> allowed = {
      {S::STATE_OPEN, S::STATE_IN_PROGRESS},
      {S::STATE_OPEN, S::STATE_RESOLVED},
      {S::STATE_IN_PROGRESS, S::STATE_RESOLVED},
      {S::STATE_RESOLVED, S::STATE_CLOSED},
      {S::STATE_RESOLVED, S::STATE_OPEN},
      {S::STATE_CLOSED, S::STATE_OPEN}};
  const std::vector<S::State> states = {S::STATE_OPEN, S::STATE_IN_PROGRESS,
                                        S::STATE_RESOLVED, S::STATE_CLOSED};
  for (S::State from : states) {
    for (S::State to : states) {
      const bool expected =
          from == to ||
          std::find(allowed.begin(), allowed.end(), std::make_pair(from, to)) !=
              allowed.end();
      const absl::Status s = CheckTransition(from, to);
      EXPECT_EQ(s.ok(), expected) << S::State_Name(from) << " -> "
                                  << S::State_Name(to);
      if (!expected) {
        EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
      }
    }
  }
}

TEST(ClosedLoopTest, TransitionsRecordFirstResponseAndResolveTimes) {
  using S = v1::Case;
  v1::Case c;
  c.set_state(S::STATE_OPEN);
  ASSERT_TRUE(TransitionCase(S::STATE_OPEN, kNow, &c).ok());
  EXPECT_FALSE(c.has_first_response_time());
  ASSERT_TRUE(TransitionCase(S::STATE_IN_PROGRESS, kNow + absl::Hours(1), &c).ok());
  EXPECT_EQ(FromProto(c.first_response_time()), kNow + absl::Hours(1));
  EXPECT_FALSE(c.has_resolve_time());
  ASSERT_TRUE(TransitionCase(S::STATE_RESOLVED, kNow + absl::Hours(3), &c).ok());
  EXPECT_EQ(FromProto(c.resolve_time()), kNow + absl::Hours(3));
  ASSERT_TRUE(TransitionCase(S::STATE_CLOSED, kNow + absl::Hours(4), &c).ok());
  EXPECT_EQ(FromProto(c.resolve_time()), kNow + absl::Hours(3));
  // Reopened: no longer resolved; the first response stays the first.
  ASSERT_TRUE(TransitionCase(S::STATE_OPEN, kNow + absl::Hours(5), &c).ok());
  EXPECT_FALSE(c.has_resolve_time());
  ASSERT_TRUE(TransitionCase(S::STATE_RESOLVED, kNow + absl::Hours(6), &c).ok());
  EXPECT_EQ(FromProto(c.first_response_time()), kNow + absl::Hours(1));
  EXPECT_EQ(FromProto(c.resolve_time()), kNow + absl::Hours(6));
  // A refused transition changes nothing.
  const v1::Case before = c;
  EXPECT_EQ(TransitionCase(S::STATE_IN_PROGRESS, kNow + absl::Hours(7), &c).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(c.SerializeAsString(), before.SerializeAsString());
}

TEST(ClosedLoopTest, OverdueAndEscalation) {
  v1::Case c;
  c.set_state(v1::Case::STATE_OPEN);
  c.set_priority(v1::CASE_PRIORITY_MEDIUM);
  *c.mutable_due_time() = ToProto(kNow);
  EXPECT_FALSE(IsOverdue(c, kNow));
  EXPECT_TRUE(IsOverdue(c, kNow + absl::Seconds(1)));
  Escalate(DefaultClosedLoopPolicy(), kNow, &c);
  EXPECT_EQ(c.priority(), v1::CASE_PRIORITY_HIGH);
  EXPECT_EQ(c.escalations(), 1);
  EXPECT_EQ(FromProto(c.due_time()), kNow + absl::Hours(24));
  Escalate(DefaultClosedLoopPolicy(), kNow, &c);
  Escalate(DefaultClosedLoopPolicy(), kNow, &c);
  EXPECT_EQ(c.priority(), v1::CASE_PRIORITY_URGENT);  // capped
  c.set_state(v1::Case::STATE_RESOLVED);
  EXPECT_FALSE(IsOverdue(c, kNow + absl::Hours(100)));
}

TEST(ClosedLoopTest, PolicyValidationNamesFields) {
  v1::ClosedLoopPolicy policy;
  v1::CaseRule* bad_type = policy.add_rules();
  bad_type->set_id("x");
  bad_type->set_priority(v1::CASE_PRIORITY_LOW);
  bad_type->mutable_score_at_most()->set_question_type("QUESTION_TYPE_FREE_TEXT");
  v1::CaseRule* no_condition = policy.add_rules();
  no_condition->set_id("y");
  v1::CaseRule* bad_sentiment = policy.add_rules();
  bad_sentiment->set_id("z");
  bad_sentiment->set_priority(v1::CASE_PRIORITY_HIGH);
  bad_sentiment->set_sentiment_at_most(-3);
  v1::CaseRule* bad_scope = policy.add_rules();
  *bad_scope = DetractorRule("w", v1::CASE_PRIORITY_LOW, "support");
  bad_scope->mutable_scope()->add_surveys("surveys/ok");
  bad_scope->mutable_scope()->add_surveys("s1");
  bad_scope->mutable_scope()->add_channels(cx::type::v1::CHANNEL_UNSPECIFIED);
  bad_scope->mutable_scope()->add_touchpoints("touchpoints/t");
  (*policy.mutable_sla())["SOON"].set_seconds(600);
  EXPECT_EQ(BadRequestFields(ValidatePolicy(policy)),
            (std::vector<std::string>{"policy.rules[0].score_at_most.question_type",
                                      "policy.rules[1].priority",
                                      "policy.rules[1]",
                                      "policy.rules[2].sentiment_at_most",
                                      "policy.rules[3].scope.surveys[1]",
                                      "policy.rules[3].scope.channels[0]",
                                      "policy.rules[3].scope.touchpoints[0]",
                                      "policy.rules[3].owner",
                                      "policy.sla[SOON]"}));
  EXPECT_TRUE(ValidatePolicy(DefaultClosedLoopPolicy()).ok());

  v1::ClosedLoopPolicy wide;
  *wide.add_rules() = DetractorRule("wide", v1::CASE_PRIORITY_LOW, "");
  for (int i = 0; i < 51; ++i) {
    wide.mutable_rules(0)->mutable_scope()->add_channels(
        cx::type::v1::CHANNEL_WEB);
  }
  EXPECT_EQ(BadRequestFields(ValidatePolicy(wide)),
            std::vector<std::string>{"policy.rules[0].scope.channels"});
}

}  // namespace
}  // namespace cx::feedback
