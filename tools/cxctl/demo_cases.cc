#include "tools/cxctl/demo_cases.h"

#include <iterator>
#include <vector>

#include "common/grpc/metadata.h"
#include "common/grpc/status_conversion.h"
#include "common/hash.h"
#include "common/status/status_macros.h"

namespace cx {
namespace {

namespace fb = cx::feedback::v1;

struct Step {
  fb::Case::State state;
  const char* note;
};

// The road every worked case takes, in order.
constexpr Step kRoad[] = {
    {fb::Case::STATE_IN_PROGRESS,
     "Called the customer back; they explained what went wrong."},
    {fb::Case::STATE_RESOLVED, "Fixed and confirmed with the customer."},
    {fb::Case::STATE_CLOSED, "Closed after the customer's thanks."},
};
constexpr int kSteps = static_cast<int>(std::size(kRoad));

// How far along kRoad a case gets: 4 in 10 stay open, 3 are in progress,
// 2 resolved, 1 closed.
int StepsFor(const fb::Case& c) {
  const uint64_t h = Fnv1a64(c.response()) % 10;
  return h < 4 ? 0 : h < 7 ? 1 : h < 9 ? 2 : 3;
}

int StepsTaken(fb::Case::State state) {
  for (int i = 0; i < kSteps; ++i) {
    if (kRoad[i].state == state) return i + 1;
  }
  return 0;  // OPEN
}

// What the resolver found: the first topic the customer's comments speak
// of, else (no comment, or none the taxonomy covers) one of the demo's own
// codes, the same for the same case on every run.
absl::StatusOr<std::string> RootCauseOf(fb::FeedbackService::StubInterface& stub,
                                        const std::string& token,
                                        const fb::Case& c) {
  fb::GetResponseRequest req;
  req.set_name(c.response());
  fb::Response response;
  auto ctx = MakeClientContext(token, absl::Seconds(10));
  RETURN_IF_ERROR(FromGrpcStatus(stub.GetResponse(ctx.get(), req, &response)));
  for (const fb::Answer& a : response.answers()) {
    if (a.analysis().topics_size() > 0) return a.analysis().topics(0);
  }
  constexpr const char* kFoundOnTheCall[] = {"expectation_gap", "app_update",
                                             "agent_error", "policy"};
  return std::string(kFoundOnTheCall[Fnv1a64(c.name()) % 4]);
}

absl::StatusOr<std::vector<fb::Case>> AllCases(
    fb::FeedbackService::StubInterface& stub, const std::string& token) {
  std::vector<fb::Case> cases;
  fb::ListCasesRequest req;
  req.set_page_size(1000);
  do {
    fb::ListCasesResponse page;
    auto ctx = MakeClientContext(token, absl::Seconds(30));
    RETURN_IF_ERROR(FromGrpcStatus(stub.ListCases(ctx.get(), req, &page)));
    for (fb::Case& c : *page.mutable_cases()) cases.push_back(std::move(c));
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty());
  return cases;
}

}  // namespace

absl::StatusOr<DemoCasesSummary> WorkDemoCases(
    fb::FeedbackService::StubInterface& stub, const std::string& token) {
  ASSIGN_OR_RETURN(std::vector<fb::Case> cases, AllCases(stub, token));
  DemoCasesSummary summary;
  summary.cases = static_cast<int>(cases.size());
  for (fb::Case& c : cases) {
    const int target = StepsFor(c);
    for (int step = StepsTaken(c.state()); step < target; ++step) {
      fb::UpdateCaseRequest req;
      *req.mutable_case_() = c;
      req.mutable_case_()->set_state(kRoad[step].state);
      req.mutable_update_mask()->add_paths("state");
      if (c.owner().empty()) {
        req.mutable_case_()->set_owner(Fnv1a64(c.name()) % 2
                                           ? "teams/support-emea"
                                           : "teams/support-us");
        req.mutable_update_mask()->add_paths("owner");
      }
      if (kRoad[step].state == fb::Case::STATE_RESOLVED) {
        ASSIGN_OR_RETURN(const std::string cause, RootCauseOf(stub, token, c));
        req.mutable_case_()->set_root_cause(cause);
        req.mutable_update_mask()->add_paths("root_cause");
      }
      req.set_note(kRoad[step].note);
      auto ctx = MakeClientContext(token, absl::Seconds(10));
      RETURN_IF_ERROR(FromGrpcStatus(stub.UpdateCase(ctx.get(), req, &c)));
      ++summary.updates;
    }
  }
  return summary;
}

}  // namespace cx
