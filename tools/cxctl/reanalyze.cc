#include "tools/cxctl/reanalyze.h"

#include "common/grpc/metadata.h"
#include "common/grpc/status_conversion.h"

namespace cx {

namespace fb = cx::feedback::v1;

absl::StatusOr<ReanalysisTotals> Reanalyze(
    fb::FeedbackService::StubInterface& stub, const std::string& token,
    const std::string& parent, const std::string& filter,
    const std::function<void(const ReanalysisTotals&)>& progress) {
  fb::ReanalyzeResponsesRequest req;
  req.set_parent(parent);
  req.set_filter(filter);
  req.set_page_size(1000);
  ReanalysisTotals totals;
  do {
    fb::ReanalyzeResponsesResponse page;
    auto ctx = MakeClientContext(token, absl::Seconds(60));
    const grpc::Status status = stub.ReanalyzeResponses(ctx.get(), req, &page);
    if (!status.ok()) return FromGrpcStatus(status);
    totals.reanalyzed += page.reanalyzed();
    totals.changed += page.changed();
    if (progress) progress(totals);
    req.set_page_token(page.next_page_token());
  } while (!req.page_token().empty());
  return totals;
}

}  // namespace cx
