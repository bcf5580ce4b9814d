// Validating a response against the survey version it answers. Pure.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_RESPONSE_RULES_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_RESPONSE_RULES_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cx/feedback/v1/response.pb.h"
#include "cx/feedback/v1/survey.pb.h"

namespace cx::feedback {

// Clock skew tolerated for a client-supplied submit_time in the future.
inline constexpr absl::Duration kMaxFutureSkew = absl::Minutes(5);

// INVALID_ARGUMENT with a violation per offending field ("response.answers[1]
// .score", "response.channel" ...): unknown or repeated questions, values of
// the wrong kind or out of range, unknown choice ids, missing required
// answers, malformed references, locale, attributes, or a submit_time in the
// future. `survey` is the version being answered.
absl::Status ValidateResponse(const v1::Survey& survey,
                              const v1::Response& response, absl::Time now);

// The score of the first scored (NPS, CSAT, CES, rating) answer, used for
// score-range filters; nullopt when there is none.
std::optional<int> PrimaryScore(const v1::Survey& survey,
                                const v1::Response& response);

// Why `id` cannot be a customer id, or null when it can: at most 128 bytes,
// no control characters, and no space at either end. (MariaDB's PAD SPACE
// collations compare "c-1 " equal to "c-1": erasing one customer would erase
// the other.) Emptiness is the caller's to judge.
const char* CustomerIdProblem(absl::string_view id);

// AIP-155 request ids: empty, or 1-64 printable ASCII characters.
bool IsValidRequestId(const std::string& request_id);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_RESPONSE_RULES_H_
