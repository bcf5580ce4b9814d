// One suite, two stores: the in-memory fake and MySQL must behave alike.
#include <functional>
#include <map>
#include <set>
#include <thread>

#include "common/clock.h"
#include "common/ids.h"
#include "common/mysql/migrations.h"
#include "common/proto_time.h"
#include "gtest/gtest.h"
#include "services/feedback/store/batching_response_store.h"
#include "services/feedback/store/caching_survey_store.h"
#include "services/feedback/store/memory_response_store.h"
#include "services/feedback/store/memory_survey_store.h"
#include "services/feedback/store/mysql_response_store.h"
#include "services/feedback/store/mysql_survey_store.h"
#include "services/feedback/store/resource_names.h"
#include "tests/services/feedback/test_surveys.h"
#include "tests/testing/test_database.h"

namespace cx {
const std::vector<Migration>& FeedbackMigrations();
}

namespace cx::feedback {
namespace {

struct Stores {
  std::unique_ptr<cx::testing::TestDatabase> db;
  std::unique_ptr<SurveyStore> inner_surveys;      // under a decorator, if any
  std::unique_ptr<ResponseStore> inner_responses;  // under a decorator, if any
  std::unique_ptr<SurveyStore> surveys;
  std::unique_ptr<ResponseStore> responses;
};

struct Backend {
  const char* name;
  std::function<Stores()> make;
};

Stores MakeMemory() {
  Stores s;
  s.surveys = std::make_unique<MemorySurveyStore>();
  s.responses = std::make_unique<MemoryResponseStore>();
  return s;
}

Stores MakeMysql() {
  Stores s;
  s.db = std::make_unique<cx::testing::TestDatabase>("feedback");
  EXPECT_TRUE(ApplyMigrations(s.db->pool(), FeedbackMigrations()).ok());
  s.surveys = std::make_unique<MysqlSurveyStore>(&s.db->pool());
  s.responses = std::make_unique<MysqlResponseStore>(&s.db->pool());
  return s;
}

// What cx-feedback runs: group commit and the survey cache over MySQL.
Stores MakeMysqlAsServed() {
  Stores s = MakeMysql();
  s.inner_surveys = std::move(s.surveys);
  s.inner_responses = std::move(s.responses);
  s.surveys = std::make_unique<CachingSurveyStore>(s.inner_surveys.get(),
                                                   SystemClock::Get());
  s.responses = std::make_unique<BatchingResponseStore>(
      s.inner_responses.get(), BatchingOptions{});
  return s;
}

class FeedbackStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (std::string(GetParam().name) != "memory") CX_REQUIRE_TEST_DATABASE();
    stores_ = GetParam().make();
  }

  v1::Survey Draft() {
    v1::Survey s = testing::AllTypesSurvey();
    s.set_state(v1::Survey::STATE_DRAFT);
    s.set_version(1);
    *s.mutable_create_time() = ToProto(clock_.Now());
    *s.mutable_update_time() = ToProto(clock_.Now());
    return s;
  }

  NewResponse Make(const std::string& survey_id, int score,
                   cx::type::v1::Channel channel = cx::type::v1::CHANNEL_WEB,
                   const std::string& request_id = "") {
    clock_.Advance(absl::Seconds(1));
    NewResponse r;
    r.survey_id = survey_id;
    r.id = NewId(clock_);
    r.score = score;
    r.request_id = request_id;
    r.response = testing::NpsResponse(score, channel);
    r.response.set_name(ResponseName(survey_id, r.id));
    r.response.set_survey_version(1);
    *r.response.mutable_submit_time() = ToProto(clock_.Now());
    *r.response.mutable_create_time() = ToProto(clock_.Now());
    return r;
  }

  std::vector<std::string> ListAll(const std::string& tenant,
                                   ResponseListQuery query) {
    std::vector<std::string> names;
    while (true) {
      auto page = stores_.responses->List(tenant, query);
      EXPECT_TRUE(page.ok()) << page.status();
      for (const auto& r : page->responses) names.push_back(r.name());
      if (!page->more) return names;
      query.after_id = names.back().substr(names.back().rfind('/') + 1);
    }
  }

  void InsertOverlappingBatches(bool with_bulk, int per_batch);

  FakeClock clock_{absl::FromUnixSeconds(1790000000)};
  Stores stores_;
};

TEST_P(FeedbackStoreTest, SurveyRoundTripAndTenantIsolation) {
  const std::string id = NewId(clock_);
  auto created = stores_.surveys->Create("acme", id, Draft(), "");
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->name(), "surveys/" + id);
  EXPECT_FALSE(created->etag().empty());
  auto got = stores_.surveys->Get("acme", id, 0);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->questions_size(), 7);
  EXPECT_EQ(got->etag(), created->etag());
  EXPECT_EQ(stores_.surveys->Get("globex", id, 0).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(FeedbackStoreTest, SurveyRequestIdCreatesOnce) {
  auto a = stores_.surveys->Create("acme", NewId(clock_), Draft(), "req-1");
  auto b = stores_.surveys->Create("acme", NewId(clock_), Draft(), "req-1");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->name(), b->name());
  // The same request id in another tenant is another request.
  auto c = stores_.surveys->Create("globex", NewId(clock_), Draft(), "req-1");
  EXPECT_NE(c->name(), a->name());
  EXPECT_EQ(stores_.surveys->List("acme", {})->surveys.size(), 1u);
}

TEST_P(FeedbackStoreTest, MutateChecksEtagAndKeepsVersions) {
  const std::string id = NewId(clock_);
  auto created = stores_.surveys->Create("acme", id, Draft(), "");
  auto publish = [&](v1::Survey& s) { return ApplyPublish(clock_.Now(), &s); };
  EXPECT_EQ(stores_.surveys->Mutate("acme", id, "\"stale\"", publish)
                .status()
                .code(),
            absl::StatusCode::kAborted);
  auto published = stores_.surveys->Mutate("acme", id, created->etag(), publish);
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_NE(published->etag(), created->etag());
  v1::Survey patch = *published;
  patch.set_display_name("v2");
  auto v2 = stores_.surveys->Mutate("acme", id, published->etag(),
                                    [&](v1::Survey& s) {
                                      return ApplySurveyUpdate(patch, {}, clock_.Now(), &s);
                                    });
  ASSERT_TRUE(v2.ok()) << v2.status();
  EXPECT_EQ(v2->version(), 2);
  EXPECT_EQ(stores_.surveys->Get("acme", id, 1)->display_name(),
            "All question types");
  EXPECT_EQ(stores_.surveys->Get("acme", id, 2)->display_name(), "v2");
  EXPECT_EQ(stores_.surveys->Get("acme", id, 3).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(stores_.surveys->Mutate("globex", id, "", publish).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(FeedbackStoreTest, DeletingADraftRemovesIt) {
  const std::string id = NewId(clock_);
  ASSERT_TRUE(stores_.surveys->Create("acme", id, Draft(), "").ok());
  auto deleted = stores_.surveys->Mutate(
      "acme", id, "", [&](v1::Survey& s) { return ApplyDelete(clock_.Now(), &s); });
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(stores_.surveys->Get("acme", id, 0).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_P(FeedbackStoreTest, ListSurveysPagesAndFilters) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(NewId(clock_));
    ASSERT_TRUE(stores_.surveys->Create("acme", ids.back(), Draft(), "").ok());
  }
  (void)stores_.surveys->Mutate("acme", ids[1], "", [&](v1::Survey& s) {
    return ApplyPublish(clock_.Now(), &s);
  });
  SurveyListQuery q;
  q.limit = 2;
  auto page = stores_.surveys->List("acme", q);
  ASSERT_EQ(page->surveys.size(), 2u);
  EXPECT_TRUE(page->more);
  q.after_id = ids[1];
  q.limit = 10;
  page = stores_.surveys->List("acme", q);
  EXPECT_EQ(page->surveys.size(), 3u);
  EXPECT_FALSE(page->more);
  SurveyListQuery published;
  published.state = v1::Survey::STATE_PUBLISHED;
  page = stores_.surveys->List("acme", published);
  ASSERT_EQ(page->surveys.size(), 1u);
  EXPECT_EQ(page->surveys[0].name(), "surveys/" + ids[1]);
}

TEST_P(FeedbackStoreTest, ResponsesRoundTripAndTenantIsolation) {
  const std::string survey = NewId(clock_);
  NewResponse r = Make(survey, 9);
  auto stored = stores_.responses->Insert("acme", r);
  ASSERT_TRUE(stored.ok()) << stored.status();
  auto got = stores_.responses->Get("acme", survey, r.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->answers(0).score(), 9);
  EXPECT_EQ(got->name(), r.response.name());
  EXPECT_EQ(stores_.responses->Get("globex", survey, r.id).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(stores_.responses->Get("acme", NewId(clock_), r.id).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_TRUE(ListAll("globex", {}).empty());
}

TEST_P(FeedbackStoreTest, SameRequestIdConcurrentlyStoresOneRow) {
  const std::string survey = NewId(clock_);
  std::vector<NewResponse> attempts;
  for (int i = 0; i < 8; ++i) {
    attempts.push_back(Make(survey, 7, cx::type::v1::CHANNEL_WEB, "retry-1"));
  }
  std::vector<std::string> names(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto r = stores_.responses->Insert("acme", attempts[i]);
      names[i] = r.ok() ? r->name() : r.status().ToString();
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& n : names) EXPECT_EQ(n, names[0]);
  EXPECT_EQ(ListAll("acme", {}).size(), 1u);
}

TEST_P(FeedbackStoreTest, BatchWithRepeatedRequestIdsStoresEachIdOnce) {
  const std::string survey = NewId(clock_);
  const NewResponse earlier =
      Make(survey, 3, cx::type::v1::CHANNEL_WEB, "sent-before");
  ASSERT_TRUE(stores_.responses->Insert("acme", earlier).ok());
  const NewResponse fresh = Make(survey, 9);
  const NewResponse resent =
      Make(survey, 4, cx::type::v1::CHANNEL_SMS, "sent-before");
  const NewResponse first = Make(survey, 8, cx::type::v1::CHANNEL_WEB, "twice");
  const NewResponse second =
      Make(survey, 1, cx::type::v1::CHANNEL_WEB, "twice");
  const NewResponse other_tenant =
      Make(survey, 5, cx::type::v1::CHANNEL_WEB, "sent-before");
  std::vector<InsertOutcome> outcomes =
      stores_.responses->InsertBatch({{"acme", &fresh},
                                      {"acme", &resent},
                                      {"acme", &first},
                                      {"acme", &second},
                                      {"globex", &other_tenant}});
  ASSERT_EQ(outcomes.size(), 5u);
  for (const InsertOutcome& o : outcomes)
    ASSERT_TRUE(o.status.ok()) << o.status;
  EXPECT_FALSE(outcomes[0].earlier);  // stored as given
  ASSERT_TRUE(outcomes[1].earlier);
  EXPECT_EQ(outcomes[1].earlier->name(), earlier.response.name());
  EXPECT_FALSE(outcomes[2].earlier);
  ASSERT_TRUE(outcomes[3].earlier);
  EXPECT_EQ(outcomes[3].earlier->name(), first.response.name());
  EXPECT_FALSE(outcomes[4].earlier);  // request ids are per tenant
  EXPECT_EQ(
      ListAll("acme", {}),
      (std::vector<std::string>{earlier.response.name(), fresh.response.name(),
                                first.response.name()}));
  EXPECT_EQ(ListAll("globex", {}).size(), 1u);
}

// Imports run batches side by side (on MySQL they take turns to insert but
// not to commit): a request id in two concurrent batches is stored once, and
// both batches' outcomes name that one response.
// Four batches inserted side by side, each sharing half of its request ids
// with the next: each id must be stored once, and every outcome must name
// that one stored response. `with_bulk`: every other batch is a bulk one,
// after a live insert (live ingest running).
void FeedbackStoreTest::InsertOverlappingBatches(bool with_bulk,
                                                 int per_batch) {
  const std::string survey = NewId(clock_);
  constexpr int kBatches = 4;
  const int kPerBatch = per_batch, kStep = per_batch / 2;
  std::set<std::string> expected;
  if (with_bulk) {
    auto live = stores_.responses->Insert(
        "acme", Make(survey, 0, cx::type::v1::CHANNEL_WEB, "live"));
    ASSERT_TRUE(live.ok()) << live.status();
    expected.insert(live->name());
  }
  std::vector<std::vector<NewResponse>> batches(kBatches);
  for (int b = 0; b < kBatches; ++b) {
    for (int k = 0; k < kPerBatch; ++k) {
      batches[b].push_back(Make(survey, k % 11, cx::type::v1::CHANNEL_WEB,
                                "id-" + std::to_string(b * kStep + k)));
    }
  }
  std::vector<std::vector<InsertOutcome>> outcomes(kBatches);
  std::vector<std::thread> threads;
  for (int b = 0; b < kBatches; ++b) {
    threads.emplace_back([&, b] {
      std::vector<TenantResponse> items;
      for (const NewResponse& r : batches[b]) items.push_back({"acme", &r});
      outcomes[b] = with_bulk && b % 2 == 0
                        ? stores_.responses->InsertBulk(items)
                        : stores_.responses->InsertBatch(items);
    });
  }
  for (auto& t : threads) t.join();
  // request id -> the names its outcomes report as stored.
  std::map<std::string, std::set<std::string>> stored_as;
  for (int b = 0; b < kBatches; ++b) {
    ASSERT_EQ(outcomes[b].size(), static_cast<size_t>(kPerBatch));
    for (int k = 0; k < kPerBatch; ++k) {
      const InsertOutcome& o = outcomes[b][k];
      ASSERT_TRUE(o.status.ok()) << o.status;
      const NewResponse& r = batches[b][k];
      stored_as[r.request_id].insert(o.earlier ? o.earlier->name()
                                               : r.response.name());
    }
  }
  const int distinct = (kBatches - 1) * kStep + kPerBatch;
  ASSERT_EQ(stored_as.size(), static_cast<size_t>(distinct));
  for (const auto& [request_id, names] : stored_as) {
    EXPECT_EQ(names.size(), 1u) << request_id << " stored more than once";
    expected.insert(*names.begin());
  }
  const std::vector<std::string> listed = ListAll("acme", {});
  EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), expected);
  EXPECT_EQ(listed.size(), expected.size());
}

TEST_P(FeedbackStoreTest, ConcurrentBatchesWithSharedRequestIdsStoreEachOnce) {
  InsertOverlappingBatches(/*with_bulk=*/false, 60);
}

// While live ingest runs, bulk batches insert a hundred rows per statement,
// taking turns with live ones: 600-row batches overlap across statements.
TEST_P(FeedbackStoreTest, ConcurrentBulkAndLiveBatchesWithSharedIdsStoreEachOnce) {
  InsertOverlappingBatches(/*with_bulk=*/true, 600);
}

TEST_P(FeedbackStoreTest, FiltersBySurveyChannelScoreAndTime) {
  const std::string s1 = NewId(clock_), s2 = NewId(clock_);
  const absl::Time start = clock_.Now();
  for (int score = 0; score <= 10; ++score) {
    ASSERT_TRUE(stores_.responses
                    ->Insert("acme", Make(score % 2 ? s1 : s2, score,
                                          score < 5 ? cx::type::v1::CHANNEL_SMS
                                                    : cx::type::v1::CHANNEL_EMAIL))
                    .ok());
  }
  ResponseListQuery q;
  q.survey_id = s1;
  EXPECT_EQ(ListAll("acme", q).size(), 5u);  // 1,3,5,7,9
  q.survey_id = "";
  q.conditions = *ParseResponseFilter("channel = SMS AND score >= 2");
  EXPECT_EQ(ListAll("acme", q).size(), 3u);  // 2,3,4
  q.conditions = *ParseResponseFilter(
      "submit_time > \"" +
      absl::FormatTime(absl::RFC3339_full, start + absl::Seconds(9),
                       absl::UTCTimeZone()) +
      "\"");
  EXPECT_EQ(ListAll("acme", q).size(), 2u);  // submitted at +10 s and +11 s
}

TEST_P(FeedbackStoreTest, VisitsEveryResponseSubmittedInAPeriodOnce) {
  // 1,205 responses (more than a page of the MySQL scan) a second apart, of
  // two surveys; the period leaves out the first five and the last.
  const std::string s1 = NewId(clock_), s2 = NewId(clock_);
  std::vector<TenantResponse> batch;
  std::vector<NewResponse> made;
  made.reserve(1205);
  for (int i = 0; i < 1205; ++i) made.push_back(Make(i % 3 ? s1 : s2, i % 11));
  for (const NewResponse& r : made) batch.push_back({"acme", &r});
  for (const InsertOutcome& o : stores_.responses->InsertBatch(batch)) {
    ASSERT_TRUE(o.status.ok()) << o.status;
  }
  ASSERT_TRUE(stores_.responses->Insert("globex", Make(s1, 3)).ok());
  const absl::Time from = FromProto(made[5].response.submit_time());
  const absl::Time before = FromProto(made[1204].response.submit_time());
  auto visited = [&](const std::string& survey) {
    std::multiset<std::string> names;
    EXPECT_TRUE(stores_.responses
                    ->ForEachResponseSubmitted(
                        "acme", survey, from, before,
                        [&](const v1::Response& r) {
                          names.insert(r.name());
                          return absl::OkStatus();
                        })
                    .ok());
    return names;
  };
  std::multiset<std::string> all, of_s2;
  for (int i = 5; i < 1204; ++i) {
    all.insert(made[i].response.name());
    if (i % 3 == 0) of_s2.insert(made[i].response.name());
  }
  EXPECT_EQ(visited(""), all);
  EXPECT_EQ(visited(s2), of_s2);
}

TEST_P(FeedbackStoreTest, FiltersByWhatCommentsSayAboutATopic) {
  const std::string survey = NewId(clock_);
  auto store = [&](std::vector<std::pair<std::string,
                                         v1::TextAnalysis::Sentiment>> ts) {
    NewResponse r = Make(survey, 5);
    v1::Answer* a = r.response.add_answers();
    a->set_question_id("comment");
    a->set_text("...");
    for (const auto& [topic, label] : ts) {
      v1::TopicSentiment* t = a->mutable_analysis()->add_topic_sentiments();
      t->set_topic(topic);
      t->set_sentiment(label);
    }
    EXPECT_TRUE(stores_.responses->Insert("acme", r).ok());
    return r.response.name();
  };
  const std::string complaint =
      store({{"billing", v1::TextAnalysis::SENTIMENT_NEGATIVE},
             {"delivery", v1::TextAnalysis::SENTIMENT_POSITIVE}});
  const std::string praise =
      store({{"billing", v1::TextAnalysis::SENTIMENT_POSITIVE}});
  const std::string quality =
      store({{"product_quality", v1::TextAnalysis::SENTIMENT_NEUTRAL}});
  // Matched by "product_quality" if "_" were not escaped in LIKE.
  store({{"productxquality", v1::TextAnalysis::SENTIMENT_NEUTRAL}});
  store({});
  auto list = [&](const std::string& filter) {
    ResponseListQuery q;
    q.conditions = *ParseResponseFilter(filter);
    return ListAll("acme", q);
  };
  EXPECT_EQ(list(R"(topic = "billing")"),
            (std::vector<std::string>{complaint, praise}));
  EXPECT_EQ(list(R"(negative_topic = "billing")"),
            std::vector<std::string>{complaint});
  EXPECT_EQ(list(R"(positive_topic = "billing")"),
            std::vector<std::string>{praise});
  EXPECT_EQ(list(R"(positive_topic = "delivery" AND score = 5)"),
            std::vector<std::string>{complaint});
  EXPECT_EQ(list(R"(topic = "product_quality")"),
            std::vector<std::string>{quality});
  EXPECT_EQ(list(R"(topic = "support")"), std::vector<std::string>{});
}

TEST_P(FeedbackStoreTest, FiltersByAKeywordOfTheComments) {
  const std::string survey = NewId(clock_);
  auto store = [&](const std::string& tenant,
                   std::vector<std::string> keywords) {
    NewResponse r = Make(survey, 3);
    v1::Answer* a = r.response.add_answers();
    a->set_question_id("comment");
    a->set_text("...");
    for (const std::string& k : keywords) a->mutable_analysis()->add_keywords(k);
    EXPECT_TRUE(stores_.responses->Insert(tenant, r).ok());
    return r.response.name();
  };
  const std::string login = store("acme", {"login", "app"});
  const std::string swedish = store("acme", {"inloggning", "påminnelse"});
  store("acme", {"logins"});  // another word
  store("acme", {"loginxpage"});
  store("acme", {});
  store("globex", {"login"});  // another tenant's
  auto list = [&](const std::string& filter) {
    ResponseListQuery q;
    q.conditions = *ParseResponseFilter(filter);
    return ListAll("acme", q);
  };
  EXPECT_EQ(list(R"(keyword = "login")"), std::vector<std::string>{login});
  EXPECT_EQ(list(R"(keyword = "Påminnelse")"), std::vector<std::string>{swedish});
  EXPECT_EQ(list(R"(keyword = "app" AND score = 3)"),
            std::vector<std::string>{login});
  EXPECT_EQ(list(R"(keyword = "app" AND score = 4)"), std::vector<std::string>{});
}

TEST_P(FeedbackStoreTest, ReplacedAnalysesAreReadAndFilteredAsStored) {
  const std::string survey = NewId(clock_);
  NewResponse r = Make(survey, 2);
  v1::Answer* a = r.response.add_answers();
  a->set_question_id("comment");
  a->set_text("The login fails");
  a->mutable_analysis()->add_keywords("login");
  ASSERT_TRUE(stores_.responses->Insert("acme", r).ok());
  // Analysed again: now a topic, with its sentiment.
  v1::Response again = r.response;
  v1::TopicSentiment* t =
      again.mutable_answers(1)->mutable_analysis()->add_topic_sentiments();
  t->set_topic("login");
  t->set_sentiment(v1::TextAnalysis::SENTIMENT_NEGATIVE);
  again.mutable_answers(1)->mutable_analysis()->add_topics("login");
  // One erased meanwhile (never stored here) stays away, and another
  // tenant's response is out of reach.
  v1::Response erased = again;
  erased.set_name(ResponseName(survey, NewId(clock_)));
  NewResponse theirs = Make(survey, 2);
  *theirs.response.add_answers() = r.response.answers(1);
  ASSERT_TRUE(stores_.responses->Insert("globex", theirs).ok());
  v1::Response theirs_again = again;
  theirs_again.set_name(theirs.response.name());
  ASSERT_TRUE(stores_.responses
                  ->ReplaceAnalyses("acme", {again, erased, theirs_again})
                  .ok());
  auto untouched = stores_.responses->Get("globex", survey, theirs.id);
  ASSERT_TRUE(untouched.ok()) << untouched.status();
  EXPECT_EQ(untouched->answers(1).analysis().topics_size(), 0);

  auto got = stores_.responses->Get("acme", survey, r.id);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->answers(1).analysis().topics_size(), 1);
  auto list = [&](const std::string& filter) {
    ResponseListQuery q;
    q.conditions = *ParseResponseFilter(filter);
    return ListAll("acme", q);
  };
  EXPECT_EQ(list(R"(negative_topic = "login")"),
            std::vector<std::string>{again.name()});
  EXPECT_EQ(list(R"(keyword = "login")"), std::vector<std::string>{again.name()});
  EXPECT_EQ(list(R"(score = 2)").size(), 1u);  // the erased one is not back
}

TEST_P(FeedbackStoreTest, PageWalkOverAChangingTableSeesEachRowOnce) {
  const std::string survey = NewId(clock_);
  std::set<std::string> before;
  for (int i = 0; i < 25; ++i) {
    NewResponse r = Make(survey, i % 11);
    before.insert(r.response.name());
    ASSERT_TRUE(stores_.responses->Insert("acme", r).ok());
  }
  ResponseListQuery q;
  q.limit = 7;
  std::vector<std::string> seen;
  int added = 0;
  while (true) {
    auto page = stores_.responses->List("acme", q);
    ASSERT_TRUE(page.ok());
    for (const auto& r : page->responses) seen.push_back(r.name());
    // Rows keep arriving while the client pages.
    for (int i = 0; i < 3; ++i, ++added) {
      ASSERT_TRUE(stores_.responses->Insert("acme", Make(survey, 5)).ok());
    }
    if (!page->more || added > 30) break;
    q.after_id = seen.back().substr(seen.back().rfind('/') + 1);
  }
  std::set<std::string> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), seen.size()) << "a row was returned twice";
  for (const auto& name : before) EXPECT_EQ(unique.count(name), 1u) << name;
}

INSTANTIATE_TEST_SUITE_P(Backends, FeedbackStoreTest,
                         ::testing::Values(Backend{"memory", MakeMemory},
                                           Backend{"mysql", MakeMysql},
                                           Backend{"mysql_served",
                                                   MakeMysqlAsServed}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace cx::feedback
