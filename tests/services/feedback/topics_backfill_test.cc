// The topics and keywords columns for responses stored before them: filled
// from the bodies, once, tenant by tenant.
#include "services/feedback/store/topics_backfill.h"

#include "common/ids.h"
#include "common/mysql/migrations.h"
#include "common/proto_time.h"
#include "gtest/gtest.h"
#include "services/feedback/store/mysql_response_store.h"
#include "services/feedback/store/resource_names.h"
#include "tests/services/feedback/test_surveys.h"
#include "tests/testing/test_database.h"

namespace cx {
const std::vector<Migration>& FeedbackMigrations();
}

namespace cx::feedback {
namespace {

class TopicsBackfillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CX_REQUIRE_TEST_DATABASE();
    db_ = std::make_unique<cx::testing::TestDatabase>("topics_backfill");
    ASSERT_TRUE(ApplyMigrations(db_->pool(), FeedbackMigrations()).ok());
    responses_ = std::make_unique<MysqlResponseStore>(&db_->pool());
  }

  // A response whose comment was analysed before topics had their own
  // sentiment (`topics` only), stored as the store did then (columns empty,
  // or only keywords empty when stored between the two migrations).
  std::string StoreLegacy(const std::string& tenant,
                          std::vector<std::string> topics,
                          std::vector<std::string> keywords = {},
                          bool between_migrations = false) {
    clock_.Advance(absl::Seconds(1));
    NewResponse r;
    r.survey_id = survey_;
    r.id = NewId(clock_);
    r.response = testing::NpsResponse(3);
    r.response.set_name(ResponseName(survey_, r.id));
    *r.response.mutable_submit_time() = ToProto(clock_.Now());
    *r.response.mutable_create_time() = ToProto(clock_.Now());
    v1::Answer* a = r.response.add_answers();
    a->set_question_id("comment");
    a->set_text("...");
    for (const std::string& t : topics) a->mutable_analysis()->add_topics(t);
    for (const std::string& k : keywords) a->mutable_analysis()->add_keywords(k);
    a->mutable_analysis()->set_sentiment(v1::TextAnalysis::SENTIMENT_NEGATIVE);
    r.topic_column = between_migrations ? TopicColumn(r.response) : "";
    r.keyword_column = "";
    EXPECT_TRUE(responses_->Insert(tenant, r).ok());
    return r.response.name();
  }

  std::vector<std::string> Complaints(const std::string& tenant,
                                      const std::string& topic) {
    return List(tenant, "negative_topic = \"" + topic + "\"");
  }

  std::vector<std::string> List(const std::string& tenant,
                                const std::string& filter) {
    ResponseListQuery q;
    q.conditions = *ParseResponseFilter(filter);
    const absl::StatusOr<ResponsePage> page = responses_->List(tenant, q);
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> names;
    for (const auto& r : page->responses) names.push_back(r.name());
    return names;
  }

  FakeClock clock_{absl::FromUnixSeconds(1790000000)};
  const std::string survey_ = "0190f1a2b3c47d8e9f00112233445566";
  std::unique_ptr<cx::testing::TestDatabase> db_;
  std::unique_ptr<MysqlResponseStore> responses_;
};

TEST_F(TopicsBackfillTest, FillsTheColumnsFromBodiesOnceAndPerTenant) {
  const std::string billing = StoreLegacy("acme", {"billing"}, {"invoice"});
  StoreLegacy("acme", {});  // no topics, no keywords: stays empty
  const std::string two = StoreLegacy("acme", {"billing", "support"});
  const std::string login = StoreLegacy("acme", {"price"}, {"login", "app"},
                                        /*between_migrations=*/true);
  const std::string other = StoreLegacy("globex", {"billing"});
  EXPECT_TRUE(Complaints("acme", "billing").empty());
  EXPECT_EQ(Complaints("acme", "price"), std::vector<std::string>{login});
  EXPECT_TRUE(List("acme", "keyword = \"login\"").empty());

  std::vector<int64_t> progress;
  auto written = BackfillCommentColumns(db_->pool(), "acme",
                                        [&](int64_t n) { progress.push_back(n); });
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(*written, 3);
  EXPECT_EQ(progress.back(), 4);  // read, with the one without comments' words
  EXPECT_EQ(Complaints("acme", "billing"),
            (std::vector<std::string>{billing, two}));
  EXPECT_EQ(Complaints("acme", "support"), std::vector<std::string>{two});
  EXPECT_EQ(List("acme", "keyword = \"invoice\""),
            std::vector<std::string>{billing});
  EXPECT_EQ(List("acme", "keyword = \"login\""),
            std::vector<std::string>{login});
  EXPECT_EQ(Complaints("acme", "price"), std::vector<std::string>{login});
  EXPECT_TRUE(Complaints("globex", "billing").empty());  // not its tenant

  // Repeating writes nothing; every tenant when none is named.
  EXPECT_EQ(*BackfillCommentColumns(db_->pool(), "acme", nullptr), 0);
  EXPECT_EQ(*BackfillCommentColumns(db_->pool(), "", nullptr), 1);
  EXPECT_EQ(Complaints("globex", "billing"), std::vector<std::string>{other});
}

}  // namespace
}  // namespace cx::feedback
