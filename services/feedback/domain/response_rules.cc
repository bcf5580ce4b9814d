#include "services/feedback/domain/response_rules.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "common/api/resource_name.h"
#include "common/proto_time.h"
#include "common/status/errors.h"
#include "services/feedback/domain/survey_rules.h"

namespace cx::feedback {
namespace {

using v1::Answer;
using v1::Question;

constexpr size_t kMaxFreeText = 10000;
constexpr int kMaxAttributes = 32;

void ValidateAnswer(const Question& q, const Answer& a, const std::string& f,
                    FieldViolations* v) {
  if (auto scale = ScaleOf(q)) {
    if (a.value_case() != Answer::kScore) {
      v->Add(f + ".score", absl::StrCat("question '", q.id(),
                                        "' takes a score"));
    } else if (a.score() < scale->min || a.score() > scale->max) {
      v->Add(f + ".score", absl::StrCat("must be between ", scale->min,
                                        " and ", scale->max));
    }
    return;
  }
  std::set<std::string> choice_ids;
  for (const auto& c : q.choices()) choice_ids.insert(c.id());
  switch (q.type()) {
    case v1::QUESTION_TYPE_SINGLE_CHOICE:
      if (a.value_case() != Answer::kChoiceId) {
        v->Add(f + ".choice_id", absl::StrCat("question '", q.id(),
                                              "' takes one choice_id"));
      } else if (choice_ids.count(a.choice_id()) == 0) {
        v->Add(f + ".choice_id",
               absl::StrCat("'", a.choice_id(), "' is not a choice of '",
                            q.id(), "'"));
      }
      break;
    case v1::QUESTION_TYPE_MULTIPLE_CHOICE: {
      if (a.value_case() != Answer::kChoices ||
          a.choices().choice_ids_size() == 0) {
        v->Add(f + ".choices", absl::StrCat("question '", q.id(),
                                            "' takes one or more choice_ids"));
        break;
      }
      std::set<std::string> seen;
      for (int i = 0; i < a.choices().choice_ids_size(); ++i) {
        const std::string& id = a.choices().choice_ids(i);
        const std::string cf = absl::StrCat(f, ".choices.choice_ids[", i, "]");
        if (choice_ids.count(id) == 0) {
          v->Add(cf, absl::StrCat("'", id, "' is not a choice of '", q.id(),
                                  "'"));
        } else if (!seen.insert(id).second) {
          v->Add(cf, absl::StrCat("'", id, "' is selected twice"));
        }
      }
      break;
    }
    case v1::QUESTION_TYPE_FREE_TEXT:
      if (a.value_case() != Answer::kText) {
        v->Add(f + ".text", absl::StrCat("question '", q.id(),
                                         "' takes text"));
      } else if (a.text().size() > kMaxFreeText) {
        v->Add(f + ".text", "must be at most 10000 bytes");
      }
      break;
    default:
      v->Add(f, "the question has no valid type");
  }
}

bool IsPrintableAscii(const std::string& s) {
  for (char c : s) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

}  // namespace

bool IsValidRequestId(const std::string& request_id) {
  return request_id.size() <= 64 && IsPrintableAscii(request_id);
}

const char* CustomerIdProblem(absl::string_view id) {
  if (id.size() > 128) return "must be at most 128 bytes";
  for (char c : id) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return "must not contain control characters";
    }
  }
  if (!id.empty() && (id.front() == ' ' || id.back() == ' ')) {
    return "must not begin or end with a space";
  }
  return nullptr;
}

absl::Status ValidateResponse(const v1::Survey& survey,
                              const v1::Response& r, absl::Time now) {
  FieldViolations v;
  if (r.channel() == cx::type::v1::CHANNEL_UNSPECIFIED ||
      !cx::type::v1::Channel_IsValid(r.channel())) {
    v.Add("response.channel", "must be one of WEB, EMAIL, SMS, CHAT, PHONE, "
                              "IN_APP, SOCIAL, KIOSK");
  }
  if (const char* problem = CustomerIdProblem(r.customer_id())) {
    v.Add("response.customer_id", problem);
  }
  if (!r.touchpoint().empty() &&
      !IsReferenceName(r.touchpoint(), {"journeys", "touchpoints"})) {
    v.Add("response.touchpoint",
          "must have the form journeys/{journey}/touchpoints/{touchpoint}");
  }
  if (!r.team().empty() && !IsReferenceName(r.team(), {"teams"})) {
    v.Add("response.team", "must have the form teams/{team}");
  }
  if (!r.agent().empty() && !IsReferenceName(r.agent(), {"employees"})) {
    v.Add("response.agent", "must have the form employees/{employee}");
  }
  if (!r.locale().empty() && !IsValidLocale(r.locale())) {
    v.Add("response.locale", "must be a BCP-47 locale such as en or sv-SE");
  }
  if (r.has_submit_time()) {
    const auto& ts = r.submit_time();
    if (!IsValidTimestamp(ts)) {
      v.Add("response.submit_time", "is not a valid timestamp");
    } else if (absl::FromUnixSeconds(ts.seconds()) > now + kMaxFutureSkew) {
      v.Add("response.submit_time", "must not be in the future");
    }
  }
  if (r.attributes_size() > kMaxAttributes) {
    v.Add("response.attributes", "at most 32 attributes");
  }
  for (const auto& [key, value] : r.attributes()) {
    if (key.empty() || key.size() > 64 || value.size() > 1024) {
      v.Add(absl::StrCat("response.attributes[", key, "]"),
            "keys need 1-64 characters and values at most 1024");
    }
  }
  std::map<std::string, const Question*> questions;
  for (const Question& q : survey.questions()) questions[q.id()] = &q;
  std::set<std::string> answered;
  for (int i = 0; i < r.answers_size(); ++i) {
    const Answer& a = r.answers(i);
    const std::string f = absl::StrCat("response.answers[", i, "]");
    auto it = questions.find(a.question_id());
    if (it == questions.end()) {
      v.Add(f + ".question_id",
            absl::StrCat("'", a.question_id(), "' is not a question of ",
                         survey.name(), " version ", survey.version()));
      continue;
    }
    if (!answered.insert(a.question_id()).second) {
      v.Add(f + ".question_id",
            absl::StrCat("'", a.question_id(), "' is answered twice"));
      continue;
    }
    ValidateAnswer(*it->second, a, f, &v);
  }
  for (const Question& q : survey.questions()) {
    if (q.required() && answered.count(q.id()) == 0) {
      v.Add("response.answers",
            absl::StrCat("required question '", q.id(), "' is not answered"));
    }
  }
  if (r.answers_size() == 0) {
    v.Add("response.answers", "a response needs at least one answer");
  }
  return v.ToStatus();
}

std::optional<int> PrimaryScore(const v1::Survey& survey,
                                const v1::Response& response) {
  for (const Question& q : survey.questions()) {
    if (!ScaleOf(q)) continue;
    for (const Answer& a : response.answers()) {
      if (a.question_id() == q.id() && a.value_case() == Answer::kScore) {
        return a.score();
      }
    }
  }
  return std::nullopt;
}

}  // namespace cx::feedback
