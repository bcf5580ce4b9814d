// Resource names and etags shared by every store implementation.
#ifndef CX_SERVICES_FEEDBACK_STORE_RESOURCE_NAMES_H_
#define CX_SERVICES_FEEDBACK_STORE_RESOURCE_NAMES_H_

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"

namespace cx::feedback {

inline std::string SurveyName(const std::string& id) {
  return absl::StrCat("surveys/", id);
}

inline std::string ResponseName(const std::string& survey_id,
                                const std::string& id) {
  return absl::StrCat("surveys/", survey_id, "/responses/", id);
}

// The final id of a name the store made ({response} of a ResponseName,
// {case} of a CaseName), and the {survey} of a ResponseName; not validated:
// for names read back, never for a caller's.
inline std::string FinalIdOf(const std::string& name) {
  return name.substr(name.rfind('/') + 1);
}
inline std::string SurveyIdOfResponse(const std::string& name) {
  constexpr size_t kStart = sizeof("surveys/") - 1;
  return name.substr(kStart, name.find('/', kStart) - kStart);
}

// Opaque to clients; changes with every stored write of the survey.
inline std::string SurveyEtag(int64_t revision) {
  return absl::StrCat("\"r", revision, "\"");
}

inline std::string CaseName(const std::string& id) { return "cases/" + id; }

inline std::string CaseEtag(int64_t revision) {
  return absl::StrCat("\"c", revision, "\"");
}

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_RESOURCE_NAMES_H_
