// A read-through cache in front of a SurveyStore, for the ingest path where
// every SubmitResponse reads the survey it answers.
//
// Published versions (Get with version > 0) never change and are kept until
// the cache is full. Latest heads (version 0) are kept for `head_ttl`: after
// an edit on another replica, responses may for that long still be validated
// against, and recorded as answering, the previous version, which is what the
// customer was shown anyway. Writes through this instance refresh its entry at
// once.
#ifndef CX_SERVICES_FEEDBACK_STORE_CACHING_SURVEY_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_CACHING_SURVEY_STORE_H_

#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include "absl/time/time.h"
#include "common/clock.h"
#include "services/feedback/store/survey_store.h"

namespace cx::feedback {

// Thread-safe.
class CachingSurveyStore final : public SurveyStore {
 public:
  // `inner` and `clock` must outlive the cache.
  CachingSurveyStore(SurveyStore* inner, const Clock* clock,
                     absl::Duration head_ttl = absl::Seconds(1),
                     size_t max_entries = 10000)
      : inner_(inner),
        clock_(clock),
        head_ttl_(head_ttl),
        max_entries_(max_entries) {}

  absl::StatusOr<v1::Survey> Create(const std::string& tenant,
                                    const std::string& id,
                                    const v1::Survey& survey,
                                    const std::string& request_id) override {
    return inner_->Create(tenant, id, survey, request_id);
  }
  absl::StatusOr<v1::Survey> Get(const std::string& tenant,
                                 const std::string& id, int version) override;
  absl::StatusOr<std::shared_ptr<const v1::Survey>> GetShared(
      const std::string& tenant, const std::string& id, int version) override;
  absl::StatusOr<SurveyPage> List(const std::string& tenant,
                                  const SurveyListQuery& query) override {
    return inner_->List(tenant, query);
  }
  absl::StatusOr<v1::Survey> Mutate(
      const std::string& tenant, const std::string& id,
      const std::string& etag,
      absl::FunctionRef<absl::StatusOr<SurveyWrite>(v1::Survey&)> change)
      override;

 private:
  using Key = std::tuple<std::string, std::string, int>;  // tenant, id, version
  struct Entry {
    std::shared_ptr<const v1::Survey> survey;
    absl::Time expires;
  };
  void Put(const Key& key, std::shared_ptr<const v1::Survey> survey,
           absl::Time expires);

  SurveyStore* inner_;
  const Clock* clock_;
  const absl::Duration head_ttl_;
  const size_t max_entries_;
  std::mutex mu_;
  std::map<Key, Entry> entries_;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_CACHING_SURVEY_STORE_H_
