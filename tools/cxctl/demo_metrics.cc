#include "tools/cxctl/demo_metrics.h"

#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "common/grpc/metadata.h"
#include "common/grpc/status_conversion.h"
#include "common/proto_date.h"

namespace cx {
namespace {

namespace mv1 = cx::metrics::v1;

constexpr int kAccounts = 40;
constexpr int kMonths = 12;

}  // namespace

absl::StatusOr<DemoMetricsSummary> LoadDemoMetrics(
    mv1::MetricsService::StubInterface& metrics, const std::string& token,
    absl::Time now) {
  DemoMetricsSummary summary;
  summary.accounts = kAccounts;
  const absl::CivilMonth this_month(absl::ToCivilDay(now, absl::UTCTimeZone()));
  uint32_t x = 2026;  // deterministic: a rerun writes the same values
  auto next = [&x](uint32_t mod) {
    x = x * 1103515245 + 12345;
    return (x >> 8) % mod;
  };
  for (int a = 0; a < kAccounts; ++a) {
    // Accounts start over the year; each month some grow, shrink or churn.
    const int start = static_cast<int>(next(kMonths));
    int64_t mrr = (5 + next(20)) * 10000;  // 50-250 EUR in cents
    bool churned = false;
    for (int m = start; m < kMonths; ++m) {
      const uint32_t roll = next(100);
      if (m > start) {
        if (churned) {
          if (roll < 10) churned = false;  // won back
          else continue;
        } else if (roll < 4) {
          churned = true;
        } else if (roll < 14) {
          mrr += 5000;
        } else if (roll < 18) {
          mrr -= std::min<int64_t>(5000, mrr / 2);
        } else {
          continue;  // unchanged: no record needed
        }
      }
      mv1::RecordAccountRevenueRequest req;
      mv1::AccountRevenue* r = req.mutable_revenue();
      r->set_account(absl::StrFormat("account-%02d", a));
      *r->mutable_month() = cx::ToDate(absl::CivilDay(this_month - (kMonths - 1) + m));
      r->set_mrr_minor(churned ? 0 : mrr);
      r->set_currency_code("EUR");
      mv1::AccountRevenue out;
      auto context = MakeClientContext(token, absl::Seconds(10));
      if (auto s = FromGrpcStatus(metrics.RecordAccountRevenue(context.get(), req, &out));
          !s.ok()) {
        return s;
      }
      ++summary.revenue_records;
    }
  }
  // This quarter's targets.
  const absl::CivilMonth quarter(this_month.year(), (this_month.month() - 1) / 3 * 3 + 1);
  struct DemoTarget {
    const char* id;
    const char* display_name;
    mv1::MetricType type;
    double value;
    mv1::Target::Direction direction;
  };
  for (const DemoTarget& t : {
           DemoTarget{"00000000000000000000000000000001", "NPS this quarter",
                      mv1::METRIC_TYPE_NPS, 30, mv1::Target::DIRECTION_AT_LEAST},
           DemoTarget{"00000000000000000000000000000002", "CSAT this quarter",
                      mv1::METRIC_TYPE_CSAT, 80, mv1::Target::DIRECTION_AT_LEAST},
       }) {
    mv1::SetTargetRequest req;
    mv1::Target* target = req.mutable_target();
    target->set_name(std::string("targets/") + t.id);
    target->set_display_name(t.display_name);
    target->mutable_metric()->set_type(t.type);
    *target->mutable_start_date() = cx::ToDate(absl::CivilDay(quarter));
    *target->mutable_end_date() = cx::ToDate(absl::CivilDay(quarter + 3) - 1);
    target->set_value(t.value);
    target->set_direction(t.direction);
    mv1::Target out;
    auto context = MakeClientContext(token, absl::Seconds(10));
    if (auto s = FromGrpcStatus(metrics.SetTarget(context.get(), req, &out)); !s.ok()) {
      return s;
    }
    ++summary.targets;
  }
  return summary;
}

}  // namespace cx
