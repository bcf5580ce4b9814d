// The demo tenant's revenue and targets in cx-metrics: a year of MRR for a
// few dozen accounts (growing, shrinking, churning, coming back) and targets
// for this quarter. Idempotent: revenue records are upserts and the targets
// have fixed names.
#ifndef CX_TOOLS_CXCTL_DEMO_METRICS_H_
#define CX_TOOLS_CXCTL_DEMO_METRICS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "cx/metrics/v1/metrics_service.grpc.pb.h"

namespace cx {

struct DemoMetricsSummary {
  int accounts = 0;
  int revenue_records = 0;
  int targets = 0;
};

absl::StatusOr<DemoMetricsSummary> LoadDemoMetrics(
    cx::metrics::v1::MetricsService::StubInterface& metrics,
    const std::string& token, absl::Time now);

}  // namespace cx

#endif  // CX_TOOLS_CXCTL_DEMO_METRICS_H_
