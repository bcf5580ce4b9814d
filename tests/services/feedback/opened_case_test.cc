#include "services/feedback/store/opened_case.h"

#include "common/proto_time.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/feedback/store/resource_names.h"

namespace cx::feedback {
namespace {

using google::protobuf::util::MessageDifferencer;

// The bodies are assembled from wire-format pieces; they must read back as
// the case and event a reader expects.
TEST(OpenedCaseTest, BodiesParseAsTheCaseAndItsOpenedEvent) {
  v1::Case opened;
  opened.set_response("surveys/s1/responses/r1");
  opened.set_customer_id("cust-7");
  opened.set_state(v1::Case::STATE_OPEN);
  opened.set_priority(v1::CASE_PRIORITY_HIGH);
  opened.add_reasons("detractor: recommend = 2");
  *opened.mutable_due_time() = ToProto(absl::FromUnixSeconds(1'800'000'000));
  opened.set_name("cases/stale");  // replaced by the stored name
  const absl::Time at = absl::FromUnixMicros(1'799'000'000'123'456);

  const OpenedCaseBodies bodies = SerializeOpenedCase("c1", opened, at);

  v1::Case expected_case = opened;
  expected_case.set_name(CaseName("c1"));
  expected_case.set_etag(CaseEtag(1));
  v1::Case stored_case;
  ASSERT_TRUE(stored_case.ParseFromString(bodies.case_body));
  EXPECT_TRUE(MessageDifferencer::Equals(stored_case, expected_case))
      << stored_case.DebugString();

  v1::CaseEvent expected_event;
  expected_event.set_kind(v1::CaseEvent::KIND_OPENED);
  expected_event.set_actor("system");
  *expected_event.mutable_case_() = expected_case;
  *expected_event.mutable_create_time() = ToProto(at);
  v1::CaseEvent stored_event;
  ASSERT_TRUE(stored_event.ParseFromString(bodies.event_body));
  EXPECT_TRUE(MessageDifferencer::Equals(stored_event, expected_event))
      << stored_event.DebugString();
}

}  // namespace
}  // namespace cx::feedback
