#include "services/feedback/domain/survey_rules.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/api/field_mask.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "google/protobuf/util/time_util.h"

namespace cx::feedback {
namespace {

using google::protobuf::util::TimeUtil;

constexpr size_t kMaxQuestions = 200;
constexpr size_t kMaxChoices = 100;
constexpr size_t kMaxTextLength = 2000;

bool IsIdentifier(const std::string& id, bool allow_leading_digit) {
  if (id.empty() || id.size() > 63) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool lower = c >= 'a' && c <= 'z';
    const bool digit = c >= '0' && c <= '9';
    if (i == 0 && !(lower || (allow_leading_digit && digit))) return false;
    if (!(lower || digit || c == '_')) return false;
  }
  return true;
}

void ValidateTexts(const google::protobuf::Map<std::string, std::string>& texts,
                   const std::string& default_locale, const std::string& field,
                   FieldViolations* v) {
  if (!default_locale.empty() && texts.count(default_locale) == 0) {
    v->Add(field, absl::StrCat("must have a text for the default locale '",
                               default_locale, "'"));
  }
  for (const auto& [locale, text] : texts) {
    if (!IsValidLocale(locale)) {
      v->Add(absl::StrCat(field, "[", locale, "]"),
             "key must be a BCP-47 locale such as en or sv-SE");
    } else if (text.empty() || text.size() > kMaxTextLength) {
      v->Add(absl::StrCat(field, "[", locale, "]"),
             absl::StrCat("must have 1 to ", kMaxTextLength, " characters"));
    }
  }
}

void ValidateQuestion(const Question& q, const std::string& default_locale,
                      const std::string& field, FieldViolations* v) {
  if (!IsIdentifier(q.id(), false)) {
    v->Add(field + ".id", "must match [a-z][a-z0-9_]{0,62}");
  }
  if (q.type() == v1::QUESTION_TYPE_UNSPECIFIED ||
      !v1::QuestionType_IsValid(q.type())) {
    v->Add(field + ".type", "must be set");
  }
  ValidateTexts(q.text(), default_locale, field + ".text", v);
  const bool choice = q.type() == v1::QUESTION_TYPE_SINGLE_CHOICE ||
                      q.type() == v1::QUESTION_TYPE_MULTIPLE_CHOICE;
  if (choice) {
    if (q.choices_size() < 2 || static_cast<size_t>(q.choices_size()) > kMaxChoices) {
      v->Add(field + ".choices",
             absl::StrCat("choice questions need 2 to ", kMaxChoices, " choices"));
    }
    std::set<std::string> ids;
    for (int i = 0; i < q.choices_size(); ++i) {
      const std::string cf = absl::StrCat(field, ".choices[", i, "]");
      const auto& c = q.choices(i);
      if (!IsIdentifier(c.id(), true)) {
        v->Add(cf + ".id", "must match [a-z0-9][a-z0-9_]{0,62}");
      } else if (!ids.insert(c.id()).second) {
        v->Add(cf + ".id", absl::StrCat("duplicate choice id '", c.id(), "'"));
      }
      ValidateTexts(c.text(), default_locale, cf + ".text", v);
    }
  } else if (q.choices_size() > 0) {
    v->Add(field + ".choices", "only choice questions have choices");
  }
  if (q.type() == v1::QUESTION_TYPE_RATING) {
    if (q.scale_min() >= q.scale_max() || q.scale_max() - q.scale_min() > 100) {
      v->Add(field + ".scale_max",
             "rating needs scale_min < scale_max and a span of at most 100");
    }
  } else if (q.scale_min() != 0 || q.scale_max() != 0) {
    v->Add(field + ".scale_min",
           "only rating questions take a custom scale; NPS is 0-10, CSAT 1-5, "
           "CES 1-7");
  }
}

}  // namespace

std::optional<ScoreScale> ScaleOf(const Question& question) {
  switch (question.type()) {
    case v1::QUESTION_TYPE_NPS: return ScoreScale{0, 10};
    case v1::QUESTION_TYPE_CSAT: return ScoreScale{1, 5};
    case v1::QUESTION_TYPE_CES: return ScoreScale{1, 7};
    case v1::QUESTION_TYPE_RATING:
      return ScoreScale{question.scale_min(), question.scale_max()};
    default: return std::nullopt;
  }
}

const std::set<std::string>& UpdatableSurveyFields() {
  static const auto* fields = new std::set<std::string>{
      "display_name", "description", "default_locale", "questions",
      "audience"};
  return *fields;
}

bool IsValidLocale(const std::string& locale) {
  if (locale.empty() || locale.size() > 35) return false;
  std::vector<std::string> parts = absl::StrSplit(locale, '-');
  if (parts[0].size() < 2 || parts[0].size() > 3) return false;
  for (char c : parts[0]) {
    if (!absl::ascii_isalpha(c)) return false;
  }
  for (size_t i = 1; i < parts.size(); ++i) {
    if (parts[i].empty() || parts[i].size() > 8) return false;
    for (char c : parts[i]) {
      if (!absl::ascii_isalnum(c)) return false;
    }
  }
  return true;
}

absl::Status ValidateSurvey(const Survey& survey, bool for_publish,
                            const std::string& p) {
  FieldViolations v;
  if (survey.display_name().empty() || survey.display_name().size() > 200) {
    v.Add(p + ".display_name", "must have 1 to 200 characters");
  }
  if (survey.description().size() > kMaxTextLength) {
    v.Add(p + ".description", "must have at most 2000 characters");
  }
  if (!IsValidLocale(survey.default_locale())) {
    v.Add(p + ".default_locale", "must be a BCP-47 locale such as en or sv-SE");
  }
  if (!v1::Survey_Audience_IsValid(survey.audience())) {
    v.Add(p + ".audience", "unknown audience");
  }
  if (for_publish && survey.questions_size() == 0) {
    v.Add(p + ".questions", "a published survey needs at least one question");
  }
  if (static_cast<size_t>(survey.questions_size()) > kMaxQuestions) {
    v.Add(p + ".questions", absl::StrCat("at most ", kMaxQuestions, " questions"));
  }
  std::set<std::string> ids;
  for (int i = 0; i < survey.questions_size(); ++i) {
    const std::string qf = absl::StrCat(p, ".questions[", i, "]");
    ValidateQuestion(survey.questions(i), survey.default_locale(), qf, &v);
    if (!survey.questions(i).id().empty() &&
        !ids.insert(survey.questions(i).id()).second) {
      v.Add(qf + ".id", absl::StrCat("duplicate question id '",
                                     survey.questions(i).id(), "'"));
    }
  }
  return v.ToStatus();
}

absl::StatusOr<SurveyWrite> ApplySurveyUpdate(
    const Survey& patch, const google::protobuf::FieldMask& mask,
    absl::Time now, Survey* current) {
  RETURN_IF_ERROR(ValidateUpdateMask(mask, UpdatableSurveyFields()));
  if (current->state() == Survey::STATE_ARCHIVED) {
    return FailedPrecondition("SURVEY_ARCHIVED", current->name(),
                              "an archived survey cannot be edited");
  }
  Survey updated = *current;
  ApplyUpdateMask(mask, UpdatableSurveyFields(), patch, &updated);
  if (updated.audience() == Survey::AUDIENCE_UNSPECIFIED) {
    updated.set_audience(Survey::AUDIENCE_CUSTOMER);
  }
  const bool published = current->state() == Survey::STATE_PUBLISHED;
  RETURN_IF_ERROR(ValidateSurvey(updated, /*for_publish=*/published));
  // Edits of a published survey must not change what past responses meant:
  // a published question keeps its type and scale across versions.
  if (published) {
    FieldViolations v;
    for (int i = 0; i < updated.questions_size(); ++i) {
      const Question& q = updated.questions(i);
      for (const Question& old : current->questions()) {
        if (old.id() != q.id()) continue;
        if (old.type() != q.type() || old.scale_min() != q.scale_min() ||
            old.scale_max() != q.scale_max()) {
          v.Add(absl::StrCat("survey.questions[", i, "].type"),
                "a published question keeps its type and scale; add a new "
                "question id instead");
        }
      }
    }
    RETURN_IF_ERROR(v.ToStatus());
    updated.set_version(current->version() + 1);
  }
  *updated.mutable_update_time() = TimeUtil::NanosecondsToTimestamp(
      absl::ToUnixNanos(now));
  *current = std::move(updated);
  return published ? SurveyWrite::kHeadAndNewVersion : SurveyWrite::kHead;
}

absl::StatusOr<SurveyWrite> ApplyPublish(absl::Time now, Survey* current) {
  switch (current->state()) {
    case Survey::STATE_PUBLISHED:
      return SurveyWrite::kNone;
    case Survey::STATE_ARCHIVED:
      return FailedPrecondition("SURVEY_ARCHIVED", current->name(),
                                "an archived survey cannot be published");
    default:
      break;
  }
  RETURN_IF_ERROR(ValidateSurvey(*current, /*for_publish=*/true));
  const auto ts = TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(now));
  current->set_state(Survey::STATE_PUBLISHED);
  *current->mutable_publish_time() = ts;
  *current->mutable_update_time() = ts;
  return SurveyWrite::kHeadAndNewVersion;
}

absl::StatusOr<SurveyWrite> ApplyDelete(absl::Time now, Survey* current) {
  switch (current->state()) {
    case Survey::STATE_DRAFT:
      return SurveyWrite::kDelete;
    case Survey::STATE_PUBLISHED:
      current->set_state(Survey::STATE_ARCHIVED);
      *current->mutable_update_time() =
          TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(now));
      return SurveyWrite::kHead;
    default:
      return SurveyWrite::kNone;
  }
}

}  // namespace cx::feedback
