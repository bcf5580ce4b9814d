// Persistence of surveys and their published versions.
#ifndef CX_SERVICES_FEEDBACK_STORE_SURVEY_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_SURVEY_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "cx/feedback/v1/survey.pb.h"
#include "services/feedback/domain/survey_rules.h"

namespace cx::feedback {

struct SurveyListQuery {
  std::optional<v1::Survey::State> state;
  std::optional<v1::Survey::Audience> audience;
  std::string after_id;  // keyset: ids greater than this
  int limit = 50;
};

struct SurveyPage {
  std::vector<v1::Survey> surveys;
  bool more = false;  // rows exist after the last one returned
};

// Every method is scoped to `tenant`; another tenant's survey is NOT_FOUND.
// Implementations are thread-safe. Store failures: UNAVAILABLE (retryable),
// RESOURCE_EXHAUSTED, INTERNAL.
class SurveyStore {
 public:
  virtual ~SurveyStore() = default;

  // Stores `survey` (name, etag, times filled by the store from `id`). With a
  // non-empty `request_id` already used by this tenant, stores nothing and
  // returns the survey created first.
  virtual absl::StatusOr<v1::Survey> Create(const std::string& tenant,
                                            const std::string& id,
                                            const v1::Survey& survey,
                                            const std::string& request_id) = 0;

  // The latest state (version 0) or a published version. NOT_FOUND if absent.
  virtual absl::StatusOr<v1::Survey> Get(const std::string& tenant,
                                         const std::string& id,
                                         int version) = 0;

  // The same, shared rather than copied where the store keeps surveys (the
  // cache): ingest reads one for every response it takes in.
  virtual absl::StatusOr<std::shared_ptr<const v1::Survey>> GetShared(
      const std::string& tenant, const std::string& id, int version) {
    absl::StatusOr<v1::Survey> survey = Get(tenant, id, version);
    if (!survey.ok()) return survey.status();
    return std::make_shared<const v1::Survey>(*std::move(survey));
  }

  virtual absl::StatusOr<SurveyPage> List(const std::string& tenant,
                                          const SurveyListQuery& query) = 0;

  // Atomically reads the survey, checks `etag` (when non-empty; ABORTED on
  // mismatch), lets `change` decide, and persists what it returns. Returns
  // the survey as stored (for kDelete, as it was before removal).
  virtual absl::StatusOr<v1::Survey> Mutate(
      const std::string& tenant, const std::string& id,
      const std::string& etag,
      absl::FunctionRef<absl::StatusOr<SurveyWrite>(v1::Survey&)> change) = 0;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_SURVEY_STORE_H_
