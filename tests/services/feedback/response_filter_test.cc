#include "services/feedback/domain/response_filter.h"

#include "common/proto_time.h"
#include "gtest/gtest.h"

namespace cx::feedback {
namespace {

TEST(ResponseFilterTest, TypesEachField) {
  auto f = ParseResponseFilter(
      R"(channel = "email" AND score <= 6 AND submit_time >= "2026-01-01T00:00:00Z" AND team = "teams/a")");
  ASSERT_TRUE(f.ok()) << f.status();
  ASSERT_EQ(f->size(), 4u);
  EXPECT_EQ(std::get<int64_t>((*f)[0].value), cx::type::v1::CHANNEL_EMAIL);
  EXPECT_EQ(std::get<int64_t>((*f)[1].value), 6);
  EXPECT_EQ(std::get<int64_t>((*f)[2].value),
            absl::ToUnixMicros(absl::FromCivil(absl::CivilSecond(2026, 1, 1),
                                               absl::UTCTimeZone())));
  EXPECT_EQ(std::get<std::string>((*f)[3].value), "teams/a");
}

TEST(ResponseFilterTest, RejectsUnknownFieldsAndBadValues) {
  for (const char* bad :
       {"colour = 3", "score = high", "channel = FAX", "submit_time > yesterday",
        "score = 1 OR score = 2", "team >= \"teams/a \"",
        "topic > \"billing\"", "negative_topic = \"Billing!\"",
        "positive_topic != \"price\"", "keyword = \"two words\"",
        "keyword = \"\"", "keyword != \"login\"", "keyword = \"!!\""}) {
    EXPECT_EQ(ParseResponseFilter(bad).status().code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

// MariaDB would compare "c-x " equal to "c-x"; no stored value ends with a
// space, so such a value is refused instead of meaning two things.
TEST(ResponseFilterTest, AStringValueEndingWithASpaceIsRefused) {
  EXPECT_TRUE(ParseResponseFilter(R"(customer_id = "c x")").ok());
  const absl::Status padded =
      ParseResponseFilter(R"(customer_id = "c-x ")").status();
  EXPECT_EQ(padded.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(padded.message().find("end with a space"), std::string::npos)
      << padded;
}

TEST(ResponseFilterTest, TopicColumnListsEachTopicOnceWithItsLabel) {
  v1::Response r;
  auto comment = [&r](std::vector<std::pair<std::string,
                                            v1::TextAnalysis::Sentiment>> ts) {
    v1::Answer* a = r.add_answers();
    a->set_question_id("comment");
    for (const auto& [topic, label] : ts) {
      v1::TopicSentiment* t = a->mutable_analysis()->add_topic_sentiments();
      t->set_topic(topic);
      t->set_sentiment(label);
    }
  };
  EXPECT_EQ(TopicColumn(r), "");
  comment({{"billing", v1::TextAnalysis::SENTIMENT_NEGATIVE},
           {"delivery", v1::TextAnalysis::SENTIMENT_POSITIVE}});
  comment({{"billing", v1::TextAnalysis::SENTIMENT_POSITIVE},
           {"price", v1::TextAnalysis::SENTIMENT_MIXED}});
  EXPECT_EQ(TopicColumn(r), ",billing:negative,delivery:positive,price:mixed,");

  auto matches = [&r](const std::string& filter) {
    auto f = ParseResponseFilter(filter);
    EXPECT_TRUE(f.ok()) << f.status();
    return Matches((*f)[0], r, std::nullopt);
  };
  EXPECT_TRUE(matches(R"(topic = "billing")"));
  EXPECT_TRUE(matches(R"(negative_topic = "billing")"));
  EXPECT_FALSE(matches(R"(positive_topic = "billing")"));  // the first says
  EXPECT_TRUE(matches(R"(positive_topic = "delivery")"));
  EXPECT_FALSE(matches(R"(topic = "support")"));
  EXPECT_FALSE(matches(R"(topic = "bill")"));  // whole names only

  // Analysed before topics had their own sentiment: the comment's overall.
  v1::Response legacy;
  v1::TextAnalysis* a = legacy.add_answers()->mutable_analysis();
  a->add_topics("support");
  a->set_sentiment(v1::TextAnalysis::SENTIMENT_NEGATIVE);
  EXPECT_EQ(TopicColumn(legacy), ",support:negative,");
}

TEST(ResponseFilterTest, KeywordColumnListsEachKeywordOnceWithinItsLimit) {
  v1::Response r;
  for (const auto& words : std::vector<std::vector<std::string>>{
           {"login", "app"}, {"app", "påminnelse"}}) {
    v1::TextAnalysis* a = r.add_answers()->mutable_analysis();
    for (const std::string& w : words) a->add_keywords(w);
  }
  EXPECT_EQ(KeywordColumn(r), ",login,app,påminnelse,");
  EXPECT_EQ(KeywordColumn(v1::Response()), "");
  auto matches = [&](const char* filter) {
    const auto conditions = ParseResponseFilter(filter);
    EXPECT_TRUE(conditions.ok()) << filter << ": " << conditions.status();
    return Matches(conditions->at(0), r, std::nullopt);
  };
  EXPECT_TRUE(matches(R"(keyword = "login")"));
  EXPECT_TRUE(matches(R"(keyword = "LOGIN")"));  // folded like the analysis
  EXPECT_TRUE(matches(R"(keyword = "PÅMINNELSE")"));
  EXPECT_FALSE(matches(R"(keyword = "log")"));  // whole keywords only

  // Long keywords: those that would pass 1,000 bytes are left out.
  v1::Response many;
  v1::TextAnalysis* a = many.add_answers()->mutable_analysis();
  for (int i = 0; i < 30; ++i) a->add_keywords(std::string(40, 'a' + i % 26) + std::to_string(i));
  const std::string column = KeywordColumn(many);
  EXPECT_LE(column.size(), 1000u);
  EXPECT_GT(column.size(), 900u);
  EXPECT_EQ(column.front(), ',');
  EXPECT_EQ(column.back(), ',');
}

TEST(ResponseFilterTest, ColumnPatternsEscapeLikeWildcards) {
  auto pattern = [](const char* filter) {
    return ColumnPattern(ParseResponseFilter(filter)->at(0));
  };
  EXPECT_EQ(pattern(R"(topic = "product_quality")"), "%,product!_quality:%");
  EXPECT_EQ(pattern(R"(negative_topic = "billing")"), "%,billing:negative,%");
  EXPECT_EQ(pattern(R"(keyword = "Login")"), "%,login,%");
}

TEST(ResponseFilterTest, MatchesInMemory) {
  v1::Response r;
  r.set_channel(cx::type::v1::CHANNEL_SMS);
  r.set_customer_id("c9");
  *r.mutable_submit_time() = ToProto(absl::FromUnixSeconds(100));
  auto f = ParseResponseFilter(
      "channel = SMS AND customer_id = c9 AND score < 7 AND submit_time < "
      "\"1970-01-01T00:02:00Z\"");
  ASSERT_TRUE(f.ok());
  for (const auto& c : *f) EXPECT_TRUE(Matches(c, r, 6));
  EXPECT_FALSE(Matches((*f)[2], r, 7));
  EXPECT_FALSE(Matches((*f)[2], r, std::nullopt));  // no score never matches
}

}  // namespace
}  // namespace cx::feedback
