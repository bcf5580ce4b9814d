// Revenue retention RPCs of MetricsService.
#include "absl/strings/ascii.h"
#include "common/grpc/handler.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "services/metrics/domain/calendar.h"
#include "services/metrics/metrics_service.h"

namespace cx::metrics {
namespace {

constexpr std::initializer_list<Role> kRecorders = {Role::kAdmin, Role::kIngest};
constexpr std::initializer_list<Role> kAnalysts = {Role::kAdmin, Role::kAnalyst};
// A retention report covers at most ten years of months.
constexpr int kMaxMonths = 120;

bool IsCurrencyCode(const std::string& code) {
  return code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) {
           return absl::ascii_isupper(static_cast<unsigned char>(c));
         });
}

}  // namespace

absl::StatusOr<v1::AccountRevenue> MetricsService::DoRecordRevenue(
    const Principal& caller, const v1::RecordAccountRevenueRequest& request) {
  const v1::AccountRevenue& r = request.revenue();
  FieldViolations v;
  if (r.account().empty() || r.account().size() > 128) {
    v.Add("revenue.account", "required, at most 128 bytes");
  }
  if (r.mrr_minor() < 0) v.Add("revenue.mrr_minor", "must not be negative");
  if (!IsCurrencyCode(r.currency_code())) {
    v.Add("revenue.currency_code", "an ISO 4217 code such as EUR or SEK");
  }
  absl::StatusOr<absl::CivilMonth> month = MonthFromDate(r.month(), "revenue.month");
  if (!month.ok()) v.Add("revenue.month", "must name a month (year 1970-9999, month 1-12)");
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(stores_.revenue->Record(caller.tenant, r.account(), *month,
                                          r.mrr_minor(), r.currency_code(),
                                          clock_->Now()));
  v1::AccountRevenue out = r;
  *out.mutable_month() = ToDate(absl::CivilDay(*month));
  return out;
}

absl::StatusOr<v1::GetRevenueRetentionResponse> MetricsService::DoRetention(
    const Principal& caller, const v1::GetRevenueRetentionRequest& request) {
  ASSIGN_OR_RETURN(absl::CivilMonth first,
                   MonthFromDate(request.start_month(), "start_month"));
  ASSIGN_OR_RETURN(absl::CivilMonth last,
                   MonthFromDate(request.end_month(), "end_month"));
  if (last < first) return InvalidField("end_month", "must not be before start_month");
  if (last - first >= kMaxMonths) {
    return InvalidField("end_month", "at most 120 months per report");
  }
  ASSIGN_OR_RETURN(RevenueStore::Ledger ledger,
                   stores_.revenue->Load(caller.tenant, last));
  v1::GetRevenueRetentionResponse out;
  out.set_currency_code(ledger.currency_code);
  *out.mutable_period() = ledger.ledger.Summarize(first, last);
  for (absl::CivilMonth m = first; m <= last; ++m) {
    *out.add_months() = ledger.ledger.Summarize(m, m);
  }
  for (v1::CohortRow& row : ledger.ledger.Cohorts(first, last)) {
    *out.add_cohorts() = std::move(row);
  }
  return out;
}

grpc::Status MetricsService::RecordAccountRevenue(
    grpc::ServerContext* context, const v1::RecordAccountRevenueRequest* request,
    v1::AccountRevenue* response) {
  return HandleCall(*context, "RecordAccountRevenue", *authorizer_, kRecorders,
                    [&](const Principal& p) {
                      return AssignTo(DoRecordRevenue(p, *request), response);
                    });
}

grpc::Status MetricsService::GetRevenueRetention(
    grpc::ServerContext* context, const v1::GetRevenueRetentionRequest* request,
    v1::GetRevenueRetentionResponse* response) {
  return HandleCall(*context, "GetRevenueRetention", *authorizer_, kAnalysts,
                    [&](const Principal& p) {
                      return AssignTo(DoRetention(p, *request), response);
                    });
}

}  // namespace cx::metrics
