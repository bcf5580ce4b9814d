// The outbox event a stored response leaves for downstream services.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_RESPONSE_EVENTS_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_RESPONSE_EVENTS_H_

#include "cx/feedback/v1/events.pb.h"
#include "cx/feedback/v1/response.pb.h"
#include "cx/feedback/v1/survey.pb.h"

namespace cx::feedback {

inline constexpr char kResponsesRecordedType[] = "cx.feedback.v1.ResponsesRecorded";
// One response per row: what outbox rows written before batches hold.
inline constexpr char kResponseRecordedType[] = "cx.feedback.v1.ResponseRecorded";
inline constexpr char kCustomerErasedType[] = "cx.feedback.v1.CustomerErased";

// `response` (named, validated against `survey`) as a ResponseRecorded event
// `event_id` carrying its scored answers (NPS, CSAT, CES, ratings) with
// their scales.
v1::ResponseRecorded RecordedEvent(const v1::Survey& survey,
                                   const v1::Response& response,
                                   const std::string& event_id);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_RESPONSE_EVENTS_H_
