#include "services/feedback/domain/topic_comparison.h"

#include <cmath>

#include "gtest/gtest.h"

namespace cx::feedback {
namespace {

// A summary of `commented` commented responses with the given topics'
// mentions (all negative) and one example comment each.
v1::TopicSummary Summary(int64_t commented,
                         std::vector<std::pair<std::string, int64_t>> topics) {
  v1::TopicSummary s;
  s.set_responses(commented);
  s.set_commented(commented);
  for (const auto& [name, mentions] : topics) {
    v1::TopicFigures* t = s.add_topics();
    t->set_topic(name);
    t->set_mentions(mentions);
    t->set_negative(mentions);
    t->set_average_sentiment(-0.5);
    t->set_share(100.0 * mentions / commented);
    t->add_most_negative()->set_text("...");
  }
  s.add_uncovered_keywords()->set_keyword("app");
  return s;
}

TEST(TopicComparisonTest, TestsEachTopicsShareAgainstThePreviousPeriod) {
  // billing: 30 of 200 comments (15%) after 10 of 200 (5%).
  // pooled p = 40/400 = 0.1: z = 0.1 / sqrt(0.1 * 0.9 * (2/200)) = 3.333;
  // interval 10 +- 1.96 * 100 * sqrt(0.05*0.95/200 + 0.15*0.85/200).
  // delivery: 20 then 22 of 200: not significant.
  v1::TopicSummary now = Summary(200, {{"billing", 30}, {"delivery", 20}});
  CompareWithPrevious(Summary(200, {{"delivery", 22}, {"billing", 10}}), &now);
  ASSERT_EQ(now.topics_size(), 2);
  const v1::TopicChange& billing = now.topics(0).change();
  EXPECT_EQ(billing.previous_mentions(), 10);
  EXPECT_DOUBLE_EQ(billing.previous_share(), 5);
  EXPECT_NEAR(billing.share_change(), 10, 1e-9);
  EXPECT_NEAR(billing.z(), 3.3333, 1e-4);
  EXPECT_TRUE(billing.significant());
  const double half = 1.959964 * 100 *
                      std::sqrt(0.05 * 0.95 / 200 + 0.15 * 0.85 / 200);
  EXPECT_NEAR(billing.ci_low(), 10 - half, 1e-4);
  EXPECT_NEAR(billing.ci_high(), 10 + half, 1e-4);
  EXPECT_DOUBLE_EQ(billing.previous_average_sentiment(), -0.5);
  EXPECT_EQ(billing.previous_negative(), 10);
  const v1::TopicChange& delivery = now.topics(1).change();
  EXPECT_EQ(delivery.previous_mentions(), 22);
  EXPECT_NEAR(delivery.share_change(), -1, 1e-9);
  EXPECT_FALSE(delivery.significant());
  // The previous period is kept, without its comments and keywords.
  EXPECT_EQ(now.previous().commented(), 200);
  ASSERT_EQ(now.previous().topics_size(), 2);
  EXPECT_EQ(now.previous().topics(0).most_negative_size(), 0);
  EXPECT_EQ(now.previous().uncovered_keywords_size(), 0);
  EXPECT_EQ(now.uncovered_keywords_size(), 1);  // the period's own stay
}

TEST(TopicComparisonTest, NewAndVanishedTopicsShowAsChanges) {
  v1::TopicSummary now = Summary(100, {{"app", 25}});
  CompareWithPrevious(Summary(100, {{"price", 20}, {"support", 5}}), &now);
  ASSERT_EQ(now.topics_size(), 3);
  EXPECT_EQ(now.topics(0).topic(), "app");
  EXPECT_EQ(now.topics(0).change().previous_mentions(), 0);
  EXPECT_NEAR(now.topics(0).change().share_change(), 25, 1e-9);
  EXPECT_TRUE(now.topics(0).change().significant());
  EXPECT_DOUBLE_EQ(now.topics(0).change().previous_average_sentiment(), 0);
  // Gone since: in the previous period's order, with no mentions now.
  EXPECT_EQ(now.topics(1).topic(), "price");
  EXPECT_EQ(now.topics(1).mentions(), 0);
  EXPECT_EQ(now.topics(1).nps().n(), 0);
  EXPECT_NEAR(now.topics(1).change().share_change(), -20, 1e-9);
  EXPECT_TRUE(now.topics(1).change().significant());
  // 5 of 100 to none: z would be -2.26, but 2.5 expected mentions a period
  // are too few for the test.
  EXPECT_EQ(now.topics(2).topic(), "support");
  EXPECT_NEAR(now.topics(2).change().share_change(), -5, 1e-9);
  EXPECT_EQ(now.topics(2).change().z(), 0);
  EXPECT_FALSE(now.topics(2).change().significant());
}

TEST(TopicComparisonTest, NoTestWithoutCommentsInAPeriod) {
  v1::TopicSummary now = Summary(50, {{"billing", 10}});
  CompareWithPrevious(v1::TopicSummary(), &now);
  const v1::TopicChange& c = now.topics(0).change();
  EXPECT_NEAR(c.share_change(), 20, 1e-9);
  EXPECT_EQ(c.z(), 0);
  EXPECT_FALSE(c.significant());
  EXPECT_EQ(c.ci_low(), 0);
  EXPECT_EQ(c.ci_high(), 0);
}

}  // namespace
}  // namespace cx::feedback
