#include "services/feedback/domain/topic_summary.h"

#include "gtest/gtest.h"

namespace cx::feedback {
namespace {

using Sentiment = v1::TextAnalysis::Sentiment;

// A response with one comment per entry of `comments`, each speaking of its
// topics with the given label and score.
v1::Response Commented(
    std::vector<std::vector<std::tuple<std::string, Sentiment, double>>>
        comments) {
  v1::Response r;
  for (const auto& topics : comments) {
    v1::Answer* a = r.add_answers();
    a->set_question_id("comment");
    a->set_text("...");
    v1::TextAnalysis* analysis = a->mutable_analysis();
    for (const auto& [topic, label, score] : topics) {
      analysis->add_topics(topic);
      v1::TopicSentiment* t = analysis->add_topic_sentiments();
      t->set_topic(topic);
      t->set_sentiment(label);
      t->set_score(score);
    }
  }
  return r;
}

TEST(TopicSummaryTest, CountsMentionsSentimentAndTheNpsOfThoseWhoMentionATopic) {
  const Sentiment kPos = v1::TextAnalysis::SENTIMENT_POSITIVE;
  const Sentiment kNeg = v1::TextAnalysis::SENTIMENT_NEGATIVE;
  TopicSummaryBuilder b;
  b.Add(Commented({{{"delivery", kPos, 0.6}}}), 10);
  b.Add(Commented({{{"billing", kNeg, -0.7}, {"delivery", kNeg, -0.4}}}), 2);
  b.Add(v1::Response(), 8);  // no comment
  // No NPS answer; billing in two comments counts once, with the first.
  b.Add(Commented({{{"billing", kNeg, -0.5}}, {{"billing", kPos, 0.9}}}),
        std::nullopt);
  const v1::TopicSummary s = b.Build();
  EXPECT_EQ(s.responses(), 4);
  EXPECT_EQ(s.commented(), 3);
  // Everyone: 1 promoter, 1 passive, 1 detractor of 3: NPS 0, margin
  // 1.96 * 100 * sqrt((1/3 + 1/3 - 0) / 3) = 92.40.
  EXPECT_EQ(s.nps().n(), 3);
  EXPECT_EQ(s.nps().passives(), 1);
  EXPECT_DOUBLE_EQ(s.nps().nps(), 0);
  EXPECT_NEAR(s.nps().margin_of_error(), 92.40, 0.01);

  ASSERT_EQ(s.topics_size(), 2);  // two mentions each: by name
  const v1::TopicFigures& billing = s.topics(0);
  EXPECT_EQ(billing.topic(), "billing");
  EXPECT_EQ(billing.mentions(), 2);
  EXPECT_EQ(billing.negative(), 2);
  EXPECT_EQ(billing.positive(), 0);
  EXPECT_DOUBLE_EQ(billing.average_sentiment(), -0.6);
  EXPECT_EQ(billing.nps().n(), 1);  // the other mention has no NPS answer
  EXPECT_DOUBLE_EQ(billing.nps().nps(), -100);
  const v1::TopicFigures& delivery = s.topics(1);
  EXPECT_EQ(delivery.topic(), "delivery");
  EXPECT_EQ(delivery.positive(), 1);
  EXPECT_EQ(delivery.negative(), 1);
  EXPECT_NEAR(delivery.average_sentiment(), 0.1, 1e-12);
  EXPECT_EQ(delivery.nps().promoters(), 1);
  EXPECT_EQ(delivery.nps().detractors(), 1);
}

TEST(TopicSummaryTest, CsatAndCesNextToNpsForEveryoneAndPerTopic) {
  const Sentiment kNeg = v1::TextAnalysis::SENTIMENT_NEGATIVE;
  TopicSummaryBuilder b;
  const v1::Response billing = Commented({{{"billing", kNeg, -0.5}}});
  b.Add(billing, SurveyScores{.csat = 2, .ces = 3});
  b.Add(billing, SurveyScores{.csat = 1, .ces = 7});
  b.Add(v1::Response(), SurveyScores{.csat = 5, .ces = 5});
  b.Add(v1::Response(), SurveyScores{.csat = 4});
  b.Add(v1::Response(), SurveyScores{.nps = 10});
  const v1::TopicSummary s = b.Build();
  // CSAT 5, 4, 2, 1: 2 of 4 satisfied; margin 1.96 * 100 * sqrt(.25 / 4).
  EXPECT_EQ(s.csat().n(), 4);
  EXPECT_EQ(s.csat().top_box(), 2);
  EXPECT_DOUBLE_EQ(s.csat().top_box_percent(), 50);
  EXPECT_DOUBLE_EQ(s.csat().mean(), 3);
  EXPECT_NEAR(s.csat().margin_of_error(), 49.0, 0.01);
  // CES 3, 7, 5: mean 5, sample variance 4, margin 1.96 * sqrt(4 / 3).
  EXPECT_EQ(s.ces().n(), 3);
  EXPECT_EQ(s.ces().top_box(), 2);
  EXPECT_DOUBLE_EQ(s.ces().mean(), 5);
  EXPECT_NEAR(s.ces().margin_of_error(), 2.263, 0.001);
  EXPECT_EQ(s.nps().n(), 1);
  // Those who wrote about billing: every one dissatisfied.
  ASSERT_EQ(s.topics_size(), 1);
  EXPECT_EQ(s.topics(0).csat().n(), 2);
  EXPECT_DOUBLE_EQ(s.topics(0).csat().top_box_percent(), 0);
  EXPECT_DOUBLE_EQ(s.topics(0).ces().mean(), 5);
  EXPECT_EQ(s.topics(0).nps().n(), 0);
}

TEST(TopicSummaryTest, CommentsAnalysedBeforeTopicSentimentsUseTheirOwn) {
  v1::Response r;
  v1::Answer* a = r.add_answers();
  a->set_question_id("comment");
  a->set_text("...");
  a->mutable_analysis()->add_topics("delivery");
  a->mutable_analysis()->add_topics("price");
  a->mutable_analysis()->set_sentiment(v1::TextAnalysis::SENTIMENT_NEGATIVE);
  a->mutable_analysis()->set_sentiment_score(-0.5);
  TopicSummaryBuilder b;
  b.Add(r, 4);
  const v1::TopicSummary s = b.Build();
  ASSERT_EQ(s.topics_size(), 2);
  for (const v1::TopicFigures& t : s.topics()) {
    EXPECT_EQ(t.negative(), 1) << t.topic();
    EXPECT_DOUBLE_EQ(t.average_sentiment(), -0.5);
    EXPECT_EQ(t.nps().detractors(), 1);
  }
}

TEST(TopicSummaryTest, KeepsTheMostNegativeAndMostPositiveComments) {
  TopicSummaryBuilder b;
  int n = 0;
  auto add = [&](double score, const std::string& text) {
    v1::Response r = Commented({{{"billing",
                                  score < 0 ? v1::TextAnalysis::SENTIMENT_NEGATIVE
                                            : v1::TextAnalysis::SENTIMENT_POSITIVE,
                                  score}}});
    r.set_name("surveys/s/responses/r" + std::to_string(n++));
    r.mutable_answers(0)->set_text(text);
    b.Add(r, std::nullopt);
  };
  add(-0.2, "meh");
  add(-0.9, "first awful");
  add(-0.5, "bad");
  add(-0.9, "second awful");  // equal: after the first
  add(-0.1, "slightly off");
  add(0.4, std::string(600, 'a'));
  add(0, "neutral is no example");
  const v1::TopicSummary s = b.Build();
  ASSERT_EQ(s.topics_size(), 1);
  const v1::TopicFigures& billing = s.topics(0);
  ASSERT_EQ(billing.most_negative_size(), 3);
  EXPECT_EQ(billing.most_negative(0).text(), "first awful");
  EXPECT_EQ(billing.most_negative(0).response(), "surveys/s/responses/r1");
  EXPECT_EQ(billing.most_negative(0).question_id(), "comment");
  EXPECT_EQ(billing.most_negative(1).text(), "second awful");
  EXPECT_EQ(billing.most_negative(2).text(), "bad");
  EXPECT_DOUBLE_EQ(billing.most_negative(2).score(), -0.5);
  ASSERT_EQ(billing.most_positive_size(), 1);
  EXPECT_EQ(billing.most_positive(0).text(), std::string(500, 'a'));
}

TEST(TopicSummaryTest, ExamplesAreCutAtACharacterBoundary) {
  TopicSummaryBuilder b;
  v1::Response r = Commented(
      {{{"delivery", v1::TextAnalysis::SENTIMENT_NEGATIVE, -0.5}}});
  std::string text;
  for (int i = 0; i < 600; ++i) text += "å";  // two bytes each
  r.mutable_answers(0)->set_text(text);
  b.Add(r, std::nullopt);
  const std::string cut = b.Build().topics(0).most_negative(0).text();
  EXPECT_EQ(cut.size(), 1000u);  // 500 characters
  EXPECT_EQ(cut, text.substr(0, 1000));
}

TEST(TopicSummaryTest, MostMentionedFirstAndNothingToSayWhenEmpty) {
  const Sentiment kNeu = v1::TextAnalysis::SENTIMENT_NEUTRAL;
  TopicSummaryBuilder b;
  b.Add(Commented({{{"price", kNeu, 0}}}), std::nullopt);
  b.Add(Commented({{{"support", kNeu, 0}}}), std::nullopt);
  b.Add(Commented({{{"support", kNeu, 0}}}), std::nullopt);
  const v1::TopicSummary s = b.Build();
  ASSERT_EQ(s.topics_size(), 2);
  EXPECT_EQ(s.topics(0).topic(), "support");
  EXPECT_EQ(s.topics(0).neutral(), 2);
  EXPECT_EQ(s.nps().n(), 0);
  EXPECT_EQ(s.nps().nps(), 0);

  const v1::TopicSummary empty = TopicSummaryBuilder().Build();
  EXPECT_EQ(empty.responses(), 0);
  EXPECT_EQ(empty.topics_size(), 0);
}

// A response with one comment that mentions no topic.
v1::Response Uncovered(const std::string& name, std::vector<std::string> keywords,
                       Sentiment label, double score, const std::string& text) {
  v1::Response r;
  r.set_name(name);
  v1::Answer* a = r.add_answers();
  a->set_question_id("comment");
  a->set_text(text);
  a->mutable_analysis()->set_sentiment(label);
  a->mutable_analysis()->set_sentiment_score(score);
  for (const std::string& k : keywords) a->mutable_analysis()->add_keywords(k);
  return r;
}

TEST(TopicSummaryTest, ListsTheKeywordsOfCommentsNoTopicCovers) {
  const Sentiment kNeg = v1::TextAnalysis::SENTIMENT_NEGATIVE;
  const Sentiment kMixed = v1::TextAnalysis::SENTIMENT_MIXED;
  const Sentiment kPos = v1::TextAnalysis::SENTIMENT_POSITIVE;
  TopicSummaryBuilder b;
  b.Add(Uncovered("surveys/s/responses/1", {"login", "app"}, kNeg, -0.6,
                  "Cannot login to the app"),
        std::nullopt);
  b.Add(Uncovered("surveys/s/responses/2", {"app", "login"}, kMixed, -0.8,
                  "Love the app, hate the login"),
        std::nullopt);
  b.Add(Uncovered("surveys/s/responses/3", {"app"}, kPos, 0.7, "Great app"),
        std::nullopt);
  b.Add(Uncovered("surveys/s/responses/4", {"parking"}, kNeg, -0.5,
                  "No parking"),
        std::nullopt);  // once only: not listed
  // A comment that mentions a topic is covered: its keywords do not count.
  v1::Response covered = Commented(
      {{{"delivery", v1::TextAnalysis::SENTIMENT_NEGATIVE, -0.5}}});
  covered.mutable_answers(0)->mutable_analysis()->add_keywords("app");
  b.Add(covered, std::nullopt);
  b.Add(v1::Response(), std::nullopt);  // no comment at all

  const v1::TopicSummary s = b.Build();
  EXPECT_EQ(s.commented(), 5);
  EXPECT_EQ(s.without_topic(), 4);
  EXPECT_DOUBLE_EQ(s.topics(0).share(), 20);  // 1 of 5 commented
  ASSERT_EQ(s.uncovered_keywords_size(), 2);
  const v1::KeywordFigures& app = s.uncovered_keywords(0);
  EXPECT_EQ(app.keyword(), "app");
  EXPECT_EQ(app.responses(), 3);
  EXPECT_EQ(app.negative(), 2);  // negative and mixed
  EXPECT_EQ(app.example().response(), "surveys/s/responses/2");
  EXPECT_EQ(app.example().text(), "Love the app, hate the login");
  EXPECT_DOUBLE_EQ(app.example().score(), -0.8);
  const v1::KeywordFigures& login = s.uncovered_keywords(1);
  EXPECT_EQ(login.keyword(), "login");
  EXPECT_EQ(login.responses(), 2);
  EXPECT_EQ(login.example().response(), "surveys/s/responses/2");
}

TEST(TopicSummaryTest, AKeywordCountsOncePerResponseAndTiesGoAlphabetically) {
  const Sentiment kNeg = v1::TextAnalysis::SENTIMENT_NEGATIVE;
  TopicSummaryBuilder b;
  for (int i = 0; i < 2; ++i) {
    v1::Response r = Uncovered("surveys/s/responses/" + std::to_string(i),
                               {"queue", "wait"}, kNeg, -0.5, "Long queue");
    // A second comment of the same response repeats a keyword.
    v1::Answer* again = r.add_answers();
    *again = r.answers(0);
    again->set_question_id("comment2");
    b.Add(r, std::nullopt);
  }
  const v1::TopicSummary s = b.Build();
  ASSERT_EQ(s.uncovered_keywords_size(), 2);
  EXPECT_EQ(s.uncovered_keywords(0).keyword(), "queue");
  EXPECT_EQ(s.uncovered_keywords(0).responses(), 2);
  EXPECT_EQ(s.uncovered_keywords(1).keyword(), "wait");
  // The earliest of equally negative comments is the example.
  EXPECT_EQ(s.uncovered_keywords(0).example().response(), "surveys/s/responses/0");
  EXPECT_EQ(s.uncovered_keywords(0).example().question_id(), "comment");
}

TEST(TopicSummaryTest, ManyDistinctKeywordsKeepTheFrequentOnesCounted) {
  const Sentiment kNeu = v1::TextAnalysis::SENTIMENT_NEUTRAL;
  TopicSummaryBuilder b;
  // A frequent keyword among 30,000 words seen once: the rare ones make
  // room, the frequent one keeps its exact count.
  for (int i = 0; i < 30000; ++i) {
    std::vector<std::string> words = {"w" + std::to_string(i)};
    if (i % 100 == 0) words.push_back("checkout");
    b.Add(Uncovered("surveys/s/responses/" + std::to_string(i), words, kNeu, 0,
                    "..."),
          std::nullopt);
  }
  const v1::TopicSummary s = b.Build();
  EXPECT_EQ(s.without_topic(), 30000);
  ASSERT_EQ(s.uncovered_keywords_size(), 1);
  EXPECT_EQ(s.uncovered_keywords(0).keyword(), "checkout");
  EXPECT_EQ(s.uncovered_keywords(0).responses(), 300);
}

}  // namespace
}  // namespace cx::feedback
