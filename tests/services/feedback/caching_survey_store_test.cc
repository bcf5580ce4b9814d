#include "services/feedback/store/caching_survey_store.h"

#include "gtest/gtest.h"
#include "services/feedback/store/memory_survey_store.h"
#include "tests/services/feedback/test_surveys.h"

namespace cx::feedback {
namespace {

class CountingStore final : public SurveyStore {
 public:
  absl::StatusOr<v1::Survey> Create(const std::string& t, const std::string& id,
                                    const v1::Survey& s,
                                    const std::string& r) override {
    return inner.Create(t, id, s, r);
  }
  absl::StatusOr<v1::Survey> Get(const std::string& t, const std::string& id,
                                 int version) override {
    ++gets;
    return inner.Get(t, id, version);
  }
  absl::StatusOr<SurveyPage> List(const std::string& t,
                                  const SurveyListQuery& q) override {
    return inner.List(t, q);
  }
  absl::StatusOr<v1::Survey> Mutate(
      const std::string& t, const std::string& id, const std::string& etag,
      absl::FunctionRef<absl::StatusOr<SurveyWrite>(v1::Survey&)> change)
      override {
    return inner.Mutate(t, id, etag, change);
  }
  MemorySurveyStore inner;
  int gets = 0;
};

absl::StatusOr<v1::Survey> Publish(SurveyStore& store, const std::string& id,
                                   absl::Time now) {
  return store.Mutate("t", id, "", [&](v1::Survey& s) {
    return ApplyPublish(now, &s);
  });
}

TEST(CachingSurveyStoreTest, HeadsExpireVersionsStay) {
  FakeClock clock(absl::FromUnixSeconds(1790000000));
  CountingStore inner;
  CachingSurveyStore cache(&inner, &clock, absl::Seconds(1));
  v1::Survey draft = testing::AllTypesSurvey();
  draft.set_version(1);
  ASSERT_TRUE(cache.Create("t", "a", draft, "").ok());
  ASSERT_TRUE(cache.Get("t", "a", 0).ok());
  ASSERT_TRUE(cache.Get("t", "a", 0).ok());
  EXPECT_EQ(inner.gets, 1);
  clock.Advance(absl::Seconds(2));
  ASSERT_TRUE(cache.Get("t", "a", 0).ok());
  EXPECT_EQ(inner.gets, 2);
  // A write through the cache is seen at once.
  ASSERT_TRUE(Publish(cache, "a", clock.Now()).ok());
  EXPECT_EQ(cache.Get("t", "a", 0)->state(), v1::Survey::STATE_PUBLISHED);
  ASSERT_TRUE(cache.Get("t", "a", 1).ok());
  clock.Advance(absl::Hours(24));
  const int before = inner.gets;
  ASSERT_TRUE(cache.Get("t", "a", 1).ok());  // published versions never change
  EXPECT_EQ(inner.gets, before);
}

TEST(CachingSurveyStoreTest, MissesAreNotCachedAndTenantsAreKeys) {
  FakeClock clock(absl::FromUnixSeconds(1790000000));
  CountingStore inner;
  CachingSurveyStore cache(&inner, &clock);
  EXPECT_EQ(cache.Get("t", "a", 0).status().code(), absl::StatusCode::kNotFound);
  ASSERT_TRUE(cache.Create("t", "a", testing::AllTypesSurvey(), "").ok());
  EXPECT_TRUE(cache.Get("t", "a", 0).ok());
  EXPECT_EQ(cache.Get("other", "a", 0).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(CachingSurveyStoreTest, SharedReadsHandOutTheCachedSurveyUntilAWrite) {
  FakeClock clock(absl::FromUnixSeconds(1790000000));
  CountingStore inner;
  CachingSurveyStore cache(&inner, &clock);
  ASSERT_TRUE(cache.Create("t", "a", testing::AllTypesSurvey(), "").ok());
  auto first = cache.GetShared("t", "a", 0);
  auto second = cache.GetShared("t", "a", 0);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->get(), second->get());  // one survey, not a copy each
  EXPECT_EQ(inner.gets, 1);
  // Copies (Get) and shared reads come from the same entry.
  EXPECT_EQ(cache.Get("t", "a", 0)->name(), (*first)->name());
  EXPECT_EQ(inner.gets, 1);
  ASSERT_TRUE(Publish(cache, "a", clock.Now()).ok());
  auto after = cache.GetShared("t", "a", 0);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ((*after)->state(), v1::Survey::STATE_PUBLISHED);
  // A reader holding the survey from before keeps it as it was.
  EXPECT_NE((*first)->state(), v1::Survey::STATE_PUBLISHED);
  EXPECT_EQ(cache.GetShared("other", "a", 0).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(SurveyStoreTest, SharedReadOfAStoreWithoutCacheIsItsGet) {
  MemorySurveyStore store;
  ASSERT_TRUE(store.Create("t", "a", testing::AllTypesSurvey(), "").ok());
  auto shared = store.GetShared("t", "a", 0);
  ASSERT_TRUE(shared.ok());
  EXPECT_EQ((*shared)->SerializeAsString(),
            store.Get("t", "a", 0)->SerializeAsString());
  EXPECT_EQ(store.GetShared("t", "b", 0).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace cx::feedback
