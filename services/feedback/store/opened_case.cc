#include "services/feedback/store/opened_case.h"

#include "common/proto_time.h"
#include "common/proto_wire.h"
#include "services/feedback/store/resource_names.h"

namespace cx::feedback {

// Assembled from wire-format pieces rather than from a copy of `opened`
// inside an event (one case per detractor, serialized twice): the case is
// serialized once, with its name and etag appended (a field that comes again
// replaces the earlier value), and those bytes are the event's case field.
OpenedCaseBodies SerializeOpenedCase(const std::string& id,
                                     const v1::Case& opened, absl::Time time) {
  OpenedCaseBodies bodies;
  std::string& c = bodies.case_body;
  c = opened.SerializeAsString();
  AppendLengthDelimitedField(v1::Case::kNameFieldNumber, CaseName(id), &c);
  AppendLengthDelimitedField(v1::Case::kEtagFieldNumber, CaseEtag(1), &c);
  std::string& e = bodies.event_body;
  e.reserve(c.size() + 48);
  AppendVarintField(v1::CaseEvent::kKindFieldNumber,
                    v1::CaseEvent::KIND_OPENED, &e);
  AppendLengthDelimitedField(v1::CaseEvent::kActorFieldNumber, "system", &e);
  AppendLengthDelimitedField(v1::CaseEvent::kCaseFieldNumber, c, &e);
  AppendLengthDelimitedField(v1::CaseEvent::kCreateTimeFieldNumber,
                             ToProto(time).SerializeAsString(), &e);
  return bodies;
}

}  // namespace cx::feedback
