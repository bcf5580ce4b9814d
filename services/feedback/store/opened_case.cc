#include "services/feedback/store/opened_case.h"

#include "common/proto_time.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/wire_format_lite.h"
#include "services/feedback/store/resource_names.h"

namespace cx::feedback {

using google::protobuf::internal::WireFormatLite;

// Built from wire-format pieces rather than a copy of `opened` inside an
// event (one case per detractor, serialized twice): the case is serialized
// once, with its name and etag appended (a field that comes again replaces
// the earlier value), and those bytes are the event's case field as they are.
OpenedCaseBodies SerializeOpenedCase(const std::string& id,
                                     const v1::Case& opened, absl::Time time) {
  OpenedCaseBodies bodies;
  {
    google::protobuf::io::StringOutputStream raw(&bodies.case_body);
    google::protobuf::io::CodedOutputStream out(&raw);
    opened.SerializeToCodedStream(&out);
    WireFormatLite::WriteString(v1::Case::kNameFieldNumber, CaseName(id), &out);
    WireFormatLite::WriteString(v1::Case::kEtagFieldNumber, CaseEtag(1), &out);
  }
  {
    google::protobuf::io::StringOutputStream raw(&bodies.event_body);
    google::protobuf::io::CodedOutputStream out(&raw);
    WireFormatLite::WriteEnum(v1::CaseEvent::kKindFieldNumber,
                              v1::CaseEvent::KIND_OPENED, &out);
    WireFormatLite::WriteString(v1::CaseEvent::kActorFieldNumber, "system",
                                &out);
    WireFormatLite::WriteBytes(v1::CaseEvent::kCaseFieldNumber,
                               bodies.case_body, &out);
    WireFormatLite::WriteBytes(v1::CaseEvent::kCreateTimeFieldNumber,
                               ToProto(time).SerializeAsString(), &out);
  }
  return bodies;
}

}  // namespace cx::feedback
