#include "services/feedback/store/opened_case.h"

#include "common/proto_time.h"
#include "services/feedback/store/resource_names.h"

namespace cx::feedback {

OpenedCaseBodies SerializeOpenedCase(const std::string& id,
                                     const v1::Case& opened, absl::Time time) {
  v1::CaseEvent event;
  event.set_kind(v1::CaseEvent::KIND_OPENED);
  event.set_actor("system");
  v1::Case& c = *event.mutable_case_();
  c = opened;
  c.set_name(CaseName(id));
  c.set_etag(CaseEtag(1));
  *event.mutable_create_time() = ToProto(time);
  return {c.SerializeAsString(), event.SerializeAsString()};
}

}  // namespace cx::feedback
