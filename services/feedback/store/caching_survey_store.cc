#include "services/feedback/store/caching_survey_store.h"

namespace cx::feedback {

void CachingSurveyStore::Put(const Key& key,
                             std::shared_ptr<const v1::Survey> survey,
                             absl::Time expires) {
  std::lock_guard<std::mutex> lock(mu_);
  // Crude but bounded: a full cache starts over rather than tracking recency.
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[key] = Entry{std::move(survey), expires};
}

absl::StatusOr<std::shared_ptr<const v1::Survey>> CachingSurveyStore::GetShared(
    const std::string& tenant, const std::string& id, int version) {
  const Key key{tenant, id, version};
  const absl::Time now = clock_->Now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end() && now < it->second.expires) {
      return it->second.survey;
    }
  }
  absl::StatusOr<std::shared_ptr<const v1::Survey>> survey =
      inner_->GetShared(tenant, id, version);
  // Misses (NOT_FOUND, outages) are not cached: a survey created a moment
  // ago must be answerable at once.
  if (survey.ok()) {
    Put(key, *survey, version > 0 ? absl::InfiniteFuture() : now + head_ttl_);
  }
  return survey;
}

absl::StatusOr<v1::Survey> CachingSurveyStore::Get(const std::string& tenant,
                                                   const std::string& id,
                                                   int version) {
  absl::StatusOr<std::shared_ptr<const v1::Survey>> survey =
      GetShared(tenant, id, version);
  if (!survey.ok()) return survey.status();
  return **survey;
}

absl::StatusOr<v1::Survey> CachingSurveyStore::Mutate(
    const std::string& tenant, const std::string& id, const std::string& etag,
    absl::FunctionRef<absl::StatusOr<SurveyWrite>(v1::Survey&)> change) {
  absl::StatusOr<v1::Survey> result = inner_->Mutate(tenant, id, etag, change);
  std::lock_guard<std::mutex> lock(mu_);
  // Whatever happened (even a failure after a commit), re-read next time.
  entries_.erase(Key{tenant, id, 0});
  return result;
}

}  // namespace cx::feedback
