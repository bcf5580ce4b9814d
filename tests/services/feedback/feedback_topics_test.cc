// GetTopicSummary over the service: what customers wrote about in a period.
#include <set>

#include "common/proto_time.h"
#include "gtest/gtest.h"
#include "tests/services/feedback/feedback_service_fixture.h"
#include "tests/testing/status_fields.h"

namespace cx::feedback {
namespace {

using cx::testing::BadRequestFields;
using grpc::StatusCode;

class FeedbackTopicsTest : public FeedbackServiceTest {
 protected:
  void SetUp() override {
    FeedbackServiceTest::SetUp();
    survey_ = CreatePublished();
  }

  void Say(int nps, const std::string& comment,
           const std::string& tenant = "acme",
           cx::type::v1::Channel channel = cx::type::v1::CHANNEL_WEB) {
    v1::Response r = testing::NpsResponse(nps, channel);
    if (!comment.empty()) {
      v1::Answer* a = r.add_answers();
      a->set_question_id("comment");
      a->set_text(comment);
    }
    *r.mutable_submit_time() = ToProto(clock_.Now());
    v1::Response out;
    const std::string parent =
        tenant == "acme" ? survey_.name() : CreatePublished(tenant).name();
    ASSERT_TRUE(Submit(parent, r, &out, "", tenant).ok());
  }

  grpc::Status Summary(const std::string& parent, absl::Time start,
                       absl::Time end, v1::TopicSummary* out,
                       const std::string& role = "analyst",
                       const std::string& filter = "",
                       bool compare_previous = false) {
    v1::GetTopicSummaryRequest req;
    req.set_parent(parent);
    req.set_filter(filter);
    req.set_compare_previous(compare_previous);
    *req.mutable_start_time() = ToProto(start);
    *req.mutable_end_time() = ToProto(end);
    return stub_->GetTopicSummary(As("acme", {role}).get(), req, out);
  }

  v1::Survey survey_;
};

TEST_F(FeedbackTopicsTest, SummarisesWhatCustomersWroteAboutInAPeriod) {
  const absl::Time start = clock_.Now();
  Say(10, "Fast delivery, great service.");
  Say(2, "The delivery was quick, but the invoice was wrong again.");
  Say(3, "Billing errors every month, terrible.");
  Say(9, "");
  Say(0, "The invoice was wrong", "globex");  // another tenant's
  clock_.Advance(absl::Hours(2));
  Say(0, "Awful delivery");  // after the period

  v1::TopicSummary s;
  ASSERT_TRUE(Summary("surveys/-", start, start + absl::Hours(1), &s).ok());
  EXPECT_EQ(s.responses(), 4);
  EXPECT_EQ(s.commented(), 3);
  EXPECT_EQ(s.nps().n(), 4);
  EXPECT_DOUBLE_EQ(s.nps().nps(), 0);  // 2 promoters, 2 detractors
  ASSERT_EQ(s.topics_size(), 2);
  // billing and delivery, two mentions each: by name.
  EXPECT_EQ(s.topics(0).topic(), "billing");
  EXPECT_EQ(s.topics(0).mentions(), 2);
  EXPECT_EQ(s.topics(0).negative(), 2);
  EXPECT_DOUBLE_EQ(s.topics(0).nps().nps(), -100);
  // What they said about billing, most negative first.
  ASSERT_EQ(s.topics(0).most_negative_size(), 2);
  EXPECT_LE(s.topics(0).most_negative(0).score(),
            s.topics(0).most_negative(1).score());
  std::set<std::string> said;
  for (const auto& c : s.topics(0).most_negative()) said.insert(c.text());
  EXPECT_EQ(said, (std::set<std::string>{
                      "The delivery was quick, but the invoice was wrong again.",
                      "Billing errors every month, terrible."}));
  EXPECT_EQ(s.topics(0).most_positive_size(), 0);
  EXPECT_EQ(s.topics(1).topic(), "delivery");
  EXPECT_EQ(s.topics(1).positive(), 2);  // quick even for the detractor
  EXPECT_DOUBLE_EQ(s.topics(1).nps().nps(), 0);

  // One survey, and the same answer for it.
  v1::TopicSummary one;
  ASSERT_TRUE(Summary(survey_.name(), start, start + absl::Hours(1), &one).ok());
  EXPECT_EQ(one.SerializeAsString(), s.SerializeAsString());
}

TEST_F(FeedbackTopicsTest, AFilterNarrowsTheSummaryToSomeResponses) {
  const absl::Time start = clock_.Now();
  Say(2, "The invoice was wrong again.", "acme", cx::type::v1::CHANNEL_PHONE);
  Say(4, "Billing errors every month, terrible.", "acme",
      cx::type::v1::CHANNEL_PHONE);
  Say(10, "Fast delivery, thank you.", "acme", cx::type::v1::CHANNEL_WEB);
  v1::TopicSummary phone;
  ASSERT_TRUE(Summary("surveys/-", start, start + absl::Hours(1), &phone,
                      "analyst", "channel = \"PHONE\"")
                  .ok());
  EXPECT_EQ(phone.responses(), 2);
  ASSERT_EQ(phone.topics_size(), 1);
  EXPECT_EQ(phone.topics(0).topic(), "billing");
  EXPECT_DOUBLE_EQ(phone.nps().nps(), -100);
  v1::TopicSummary promoters;
  ASSERT_TRUE(Summary("surveys/-", start, start + absl::Hours(1), &promoters,
                      "analyst", "score >= 9")
                  .ok());
  EXPECT_EQ(promoters.responses(), 1);
  ASSERT_EQ(promoters.topics_size(), 1);
  EXPECT_EQ(promoters.topics(0).topic(), "delivery");
  v1::TopicSummary s;
  EXPECT_EQ(BadRequestFields(Summary("surveys/-", start,
                                     start + absl::Hours(1), &s, "analyst",
                                     "colour = \"red\"")),
            std::vector<std::string>{"filter"});
}

TEST_F(FeedbackTopicsTest, ComparesWithThePeriodBeforeAndListsWhatNoTopicCovers) {
  clock_.Advance(absl::Minutes(-1));
  Say(2, "The invoice was wrong.");  // before the previous period
  clock_.Advance(absl::Minutes(1));
  Say(9, "Fast delivery.");
  Say(3, "Billing errors, terrible.");
  Say(8, "Nothing to add", "acme");
  clock_.Advance(absl::Hours(1));
  const absl::Time start = clock_.Now();
  Say(1, "I cannot login to the app, annoying.");
  Say(2, "The app logs me out at login, useless and awful.");
  Say(10, "Delivery on time.");
  Say(0, "The app crashes", "globex");  // another tenant's

  v1::TopicSummary s;
  ASSERT_TRUE(Summary("surveys/-", start, start + absl::Hours(1), &s, "analyst",
                      "", /*compare_previous=*/true)
                  .ok());
  EXPECT_EQ(s.commented(), 3);
  EXPECT_EQ(s.without_topic(), 2);
  ASSERT_GE(s.uncovered_keywords_size(), 2);
  std::set<std::string> keywords;
  for (const v1::KeywordFigures& k : s.uncovered_keywords()) {
    EXPECT_EQ(k.responses(), 2) << k.keyword();
    EXPECT_EQ(k.negative(), 2) << k.keyword();
    keywords.insert(k.keyword());
  }
  EXPECT_TRUE(keywords.contains("app") && keywords.contains("login"));
  EXPECT_EQ(s.uncovered_keywords(0).example().text(),
            "The app logs me out at login, useless and awful.");

  // The hour before: three commented responses (not the earlier one).
  EXPECT_EQ(s.previous().responses(), 3);
  EXPECT_EQ(s.previous().commented(), 3);
  EXPECT_EQ(s.previous().without_topic(), 1);
  EXPECT_EQ(s.previous().uncovered_keywords_size(), 0);
  ASSERT_EQ(s.topics_size(), 2);
  const v1::TopicFigures& delivery = s.topics(0);
  EXPECT_EQ(delivery.topic(), "delivery");
  EXPECT_NEAR(delivery.share(), 100.0 / 3, 1e-9);
  EXPECT_EQ(delivery.change().previous_mentions(), 1);
  EXPECT_NEAR(delivery.change().share_change(), 0, 1e-9);
  // Billing was written about the hour before, not now.
  const v1::TopicFigures& billing = s.topics(1);
  EXPECT_EQ(billing.topic(), "billing");
  EXPECT_EQ(billing.mentions(), 0);
  EXPECT_EQ(billing.change().previous_mentions(), 1);
  EXPECT_EQ(billing.change().previous_negative(), 1);
  EXPECT_LT(billing.change().previous_average_sentiment(), 0);
  EXPECT_FALSE(billing.change().significant());  // three comments a period

  // Without the flag: no previous period, no changes.
  v1::TopicSummary plain;
  ASSERT_TRUE(Summary("surveys/-", start, start + absl::Hours(1), &plain).ok());
  EXPECT_FALSE(plain.has_previous());
  ASSERT_EQ(plain.topics_size(), 1);
  EXPECT_FALSE(plain.topics(0).has_change());
}

TEST_F(FeedbackTopicsTest, ANewTopicFindsItsHistoryWhenCommentsAreReanalysed) {
  const absl::Time start = clock_.Now();
  Say(2, "The login page fails every time.");
  Say(3, "I cannot log in, the login button is useless.");
  Say(9, "Fast delivery.");
  Say(1, "The login page fails every time.", "globex");  // another tenant's
  v1::TopicSummary before;
  ASSERT_TRUE(Summary("surveys/-", start, start + absl::Hours(1), &before).ok());
  EXPECT_EQ(before.without_topic(), 2);
  EXPECT_EQ(before.uncovered_keywords(0).keyword(), "login");

  // What the uncovered keywords revealed becomes a topic.
  v1::UpdateTopicTaxonomyRequest update;
  for (const auto& [name, keywords] :
       std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"delivery", {"delivery"}}, {"login", {"login", "log in"}}}) {
    v1::TopicDefinition* topic = update.mutable_taxonomy()->add_topics();
    topic->set_name(name);
    for (const std::string& k : keywords) {
      (*topic->mutable_keywords())["en"].add_keywords(k);
    }
  }
  v1::TopicTaxonomy taxonomy;
  ASSERT_TRUE(stub_->UpdateTopicTaxonomy(As("acme", {"admin"}).get(), update,
                                         &taxonomy)
                  .ok());

  // Two responses a page: the pages cover the three once.
  v1::ReanalyzeResponsesRequest req;
  req.set_parent("surveys/-");
  req.set_page_size(2);
  int64_t reanalyzed = 0, changed = 0;
  int pages = 0;
  do {
    v1::ReanalyzeResponsesResponse page;
    ASSERT_TRUE(stub_->ReanalyzeResponses(As("acme", {"admin"}).get(), req, &page)
                    .ok());
    reanalyzed += page.reanalyzed();
    changed += page.changed();
    req.set_page_token(page.next_page_token());
    ++pages;
  } while (!req.page_token().empty() && pages < 10);
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(reanalyzed, 3);
  EXPECT_EQ(changed, 2);  // the delivery comment reads as before

  v1::TopicSummary after;
  ASSERT_TRUE(Summary("surveys/-", start, start + absl::Hours(1), &after).ok());
  EXPECT_EQ(after.without_topic(), 0);
  ASSERT_EQ(after.topics_size(), 2);
  EXPECT_EQ(after.topics(0).topic(), "login");
  EXPECT_EQ(after.topics(0).mentions(), 2);
  EXPECT_EQ(after.topics(0).negative(), 2);
  v1::ListResponsesRequest list;
  list.set_parent("surveys/-");
  list.set_filter("negative_topic = \"login\"");
  v1::ListResponsesResponse listed;
  ASSERT_TRUE(stub_->ListResponses(As("acme", {"analyst"}).get(), list, &listed).ok());
  EXPECT_EQ(listed.responses_size(), 2);

  // Nothing more changes on a repeat; another tenant's comments are its own.
  req.clear_page_token();
  req.set_page_size(0);
  v1::ReanalyzeResponsesResponse again;
  ASSERT_TRUE(stub_->ReanalyzeResponses(As("acme", {"admin"}).get(), req, &again)
                  .ok());
  EXPECT_EQ(again.reanalyzed(), 3);
  EXPECT_EQ(again.changed(), 0);
  ASSERT_TRUE(stub_->ListResponses(As("globex", {"analyst"}).get(), list, &listed)
                  .ok());
  EXPECT_EQ(listed.responses_size(), 0);

  EXPECT_EQ(stub_->ReanalyzeResponses(As("acme", {"analyst"}).get(), req, &again)
                .error_code(),
            StatusCode::PERMISSION_DENIED);
  req.set_filter("colour = \"red\"");
  EXPECT_EQ(BadRequestFields(stub_->ReanalyzeResponses(
                As("acme", {"admin"}).get(), req, &again)),
            std::vector<std::string>{"filter"});
  req.set_filter("");
  req.set_page_token("not a token");
  EXPECT_EQ(BadRequestFields(stub_->ReanalyzeResponses(
                As("acme", {"admin"}).get(), req, &again)),
            std::vector<std::string>{"page_token"});
}

TEST_F(FeedbackTopicsTest, CsatAndCesOfThoseWhoMentionATopic) {
  const absl::Time start = clock_.Now();
  auto say = [&](int csat, int ces, const std::string& comment) {
    v1::Response r = testing::NpsResponse(8);
    *r.add_answers() = testing::Score("csat", csat);
    *r.add_answers() = testing::Score("ces", ces);
    v1::Answer* a = r.add_answers();
    a->set_question_id("comment");
    a->set_text(comment);
    v1::Response out;
    ASSERT_TRUE(Submit(survey_.name(), r, &out).ok());
  };
  say(1, 2, "The invoice was wrong again, terrible.");
  say(5, 7, "Fast delivery, thank you.");
  v1::TopicSummary s;
  ASSERT_TRUE(Summary("surveys/-", start, start + absl::Hours(1), &s).ok());
  EXPECT_EQ(s.csat().n(), 2);
  EXPECT_DOUBLE_EQ(s.csat().top_box_percent(), 50);
  EXPECT_DOUBLE_EQ(s.ces().mean(), 4.5);
  ASSERT_EQ(s.topics_size(), 2);
  for (const v1::TopicFigures& t : s.topics()) {
    EXPECT_EQ(t.csat().n(), 1) << t.topic();
    EXPECT_DOUBLE_EQ(t.csat().top_box_percent(), t.topic() == "billing" ? 0 : 100)
        << t.topic();
    EXPECT_DOUBLE_EQ(t.ces().mean(), t.topic() == "billing" ? 2 : 7) << t.topic();
  }
}

TEST_F(FeedbackTopicsTest, ValidatesThePeriodTheSurveyAndTheRole) {
  const absl::Time now = clock_.Now();
  v1::TopicSummary s;
  EXPECT_EQ(BadRequestFields(Summary("surveys/-", now, now, &s)),
            std::vector<std::string>{"end_time"});
  EXPECT_EQ(BadRequestFields(
                Summary("surveys/-", now, now + absl::Hours(24 * 367), &s)),
            std::vector<std::string>{"end_time"});
  EXPECT_EQ(BadRequestFields(Summary("teams/x", now, now + absl::Hours(1), &s)),
            std::vector<std::string>{"parent"});
  EXPECT_EQ(Summary("surveys/0190f1a2b3c47d8e9f00112233445566", now,
                    now + absl::Hours(1), &s)
                .error_code(),
            StatusCode::NOT_FOUND);
  EXPECT_EQ(Summary("surveys/-", now, now + absl::Hours(1), &s, "agent")
                .error_code(),
            StatusCode::PERMISSION_DENIED);
  v1::GetTopicSummaryRequest no_period;
  no_period.set_parent("surveys/-");
  EXPECT_EQ(BadRequestFields(stub_->GetTopicSummary(
                As("acme", {"analyst"}).get(), no_period, &s)),
            (std::vector<std::string>{"start_time", "end_time"}));
}

}  // namespace
}  // namespace cx::feedback
