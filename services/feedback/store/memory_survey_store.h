// In-memory SurveyStore: the fake for service tests and the reference the
// MySQL store is checked against by the shared store suite.
#ifndef CX_SERVICES_FEEDBACK_STORE_MEMORY_SURVEY_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_MEMORY_SURVEY_STORE_H_

#include <map>
#include <mutex>
#include <tuple>

#include "services/feedback/store/survey_store.h"

namespace cx::feedback {

class MemorySurveyStore final : public SurveyStore {
 public:
  absl::StatusOr<v1::Survey> Create(const std::string& tenant,
                                    const std::string& id,
                                    const v1::Survey& survey,
                                    const std::string& request_id) override;
  absl::StatusOr<v1::Survey> Get(const std::string& tenant,
                                 const std::string& id, int version) override;
  absl::StatusOr<SurveyPage> List(const std::string& tenant,
                                  const SurveyListQuery& query) override;
  absl::StatusOr<v1::Survey> Mutate(
      const std::string& tenant, const std::string& id,
      const std::string& etag,
      absl::FunctionRef<absl::StatusOr<SurveyWrite>(v1::Survey&)> change)
      override;

 private:
  struct Row {
    v1::Survey survey;
    int64_t revision = 1;
  };
  using Key = std::pair<std::string, std::string>;  // tenant, id

  std::mutex mu_;
  std::map<Key, Row> surveys_;
  std::map<std::tuple<std::string, std::string, int>, v1::Survey> versions_;
  std::map<Key, std::string> by_request_;  // (tenant, request_id) -> id
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_MEMORY_SURVEY_STORE_H_
