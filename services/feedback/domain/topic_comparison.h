// A period's topic summary against the period before: which topics customers
// write about more or less often (a two-proportion z-test on each topic's
// share of commented responses), and in what tone before. Pure.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_COMPARISON_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_COMPARISON_H_

#include "cx/feedback/v1/text_analysis.pb.h"

namespace cx::feedback {

// Keeps `previous` (without its comments and keywords) in
// `current->previous`, fills each topic's `change` and appends, with 0
// mentions, the topics only `previous` mentions.
void CompareWithPrevious(v1::TopicSummary previous, v1::TopicSummary* current);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_COMPARISON_H_
