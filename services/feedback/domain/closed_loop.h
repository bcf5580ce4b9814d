// Closed-loop rules: which responses open a case, with what priority and
// deadline, which state changes are allowed, and escalation. Pure.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_CLOSED_LOOP_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_CLOSED_LOOP_H_

#include <optional>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "cx/feedback/v1/case.pb.h"
#include "cx/feedback/v1/response.pb.h"
#include "cx/feedback/v1/survey.pb.h"

namespace cx::feedback {

// What a tenant gets until it sets its own: NPS <= 6 (HIGH; <= 3 URGENT),
// CSAT <= 2 (HIGH), CES <= 3 (MEDIUM), text sentiment <= -0.5 (MEDIUM),
// a mention of cancelling (HIGH).
const v1::ClosedLoopPolicy& DefaultClosedLoopPolicy();

// INVALID_ARGUMENT naming each bad field ("policy.rules[1].score_at_most").
absl::Status ValidatePolicy(const v1::ClosedLoopPolicy& policy);

// The time allowed for `priority` under `policy`.
absl::Duration SlaFor(const v1::ClosedLoopPolicy& policy,
                      v1::CasePriority priority);

// When a case of `priority` opened or escalated at `now` is due: the SLA
// after `now`, counted in the policy's business hours when it has them.
absl::Time DueTime(const v1::ClosedLoopPolicy& policy,
                   v1::CasePriority priority, absl::Time now);

// The case `response` (answering `survey`, text already analysed) opens, or
// nullopt when no rule in scope matches. Name and times other than
// due/create are left to the caller.
std::optional<v1::Case> EvaluateRules(const v1::ClosedLoopPolicy& policy,
                                      const v1::Survey& survey,
                                      const v1::Response& response,
                                      absl::Time now);

// `teams/{team}` or `employees/{employee}`.
bool IsCaseOwner(absl::string_view owner);
// What a violation of IsCaseOwner says.
inline constexpr char kCaseOwnerRule[] =
    "must be teams/{team} or employees/{employee}";

// OK when a case may go from `from` to `to` (same state is allowed);
// FAILED_PRECONDITION (reason INVALID_CASE_TRANSITION) otherwise.
absl::Status CheckTransition(v1::Case::State from, v1::Case::State to);

// Moves `c` to state `to` at `now` if CheckTransition allows it, keeping its
// first_response_time (first time out of OPEN) and resolve_time (set on
// RESOLVED, cleared on reopening) up to date.
absl::Status TransitionCase(v1::Case::State to, absl::Time now, v1::Case* c);

// Resolved or closed.
bool IsResolved(const v1::Case& c);

// Not resolved or closed, and past due.
bool IsOverdue(const v1::Case& c, absl::Time now);

// Raises the priority one step (up to URGENT), gives a new deadline from the
// SLA of the new priority and counts the escalation.
void Escalate(const v1::ClosedLoopPolicy& policy, absl::Time now, v1::Case* c);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_CLOSED_LOOP_H_
