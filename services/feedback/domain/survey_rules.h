// What makes a survey valid, and how each lifecycle operation changes it.
// Pure functions: no gRPC, no SQL.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_SURVEY_RULES_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_SURVEY_RULES_H_

#include <optional>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cx/feedback/v1/survey.pb.h"
#include "google/protobuf/field_mask.pb.h"

namespace cx::feedback {

using v1::Question;
using v1::QuestionType;
using v1::Survey;

// Inclusive score range of a scored question; nullopt for choice/text.
struct ScoreScale {
  int min;
  int max;
};
std::optional<ScoreScale> ScaleOf(const Question& question);

// Fields a caller may set on create/update (AIP-134 update_mask paths).
const std::set<std::string>& UpdatableSurveyFields();

// INVALID_ARGUMENT with a violation per offending field, named from
// `field_prefix` (e.g. "survey.questions[2].choices[0].id"). A draft may have
// no questions yet; a survey being published must have at least one.
absl::Status ValidateSurvey(const Survey& survey, bool for_publish,
                            const std::string& field_prefix = "survey");

// BCP-47-ish tag: 2-3 letter language, optional -Region/-Script subtags.
bool IsValidLocale(const std::string& locale);

// What a store must persist after a lifecycle change.
enum class SurveyWrite {
  kHead,               // update the survey in place
  kHeadAndNewVersion,  // update it and keep the new version's definition
  kDelete,             // remove the (draft) survey
  kNone,               // nothing changed
};

// Applies an update to `current` (already read under lock): drafts change in
// place; published surveys get version + 1; archived ones refuse
// (FAILED_PRECONDITION). Validates the result.
absl::StatusOr<SurveyWrite> ApplySurveyUpdate(
    const Survey& patch, const google::protobuf::FieldMask& mask,
    absl::Time now, Survey* current);

// DRAFT -> PUBLISHED (validated for publishing); republishing is a no-op;
// ARCHIVED -> FAILED_PRECONDITION.
absl::StatusOr<SurveyWrite> ApplyPublish(absl::Time now, Survey* current);

// DRAFT -> deleted; PUBLISHED -> ARCHIVED; ARCHIVED stays (safe to repeat).
absl::StatusOr<SurveyWrite> ApplyDelete(absl::Time now, Survey* current);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_SURVEY_RULES_H_
