// Targets and scorecards of MetricsService.
#include <cmath>

#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "common/grpc/handler.h"
#include "common/ids.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "services/metrics/domain/scorecard.h"
#include "services/metrics/metric_requests.h"
#include "services/metrics/metrics_service.h"

namespace cx::metrics {
namespace {

constexpr std::initializer_list<Role> kReaders = {Role::kAdmin, Role::kAnalyst,
                                                  Role::kAgent};
constexpr std::initializer_list<Role> kAdmins = {Role::kAdmin};
constexpr char kTargetPrefix[] = "targets/";

absl::StatusOr<std::string> TargetId(const std::string& name,
                                     const std::string& field) {
  absl::string_view id = name;
  if (!absl::ConsumePrefix(&id, kTargetPrefix) || !IsValidId(id)) {
    return InvalidField(field, "must be targets/{target}");
  }
  return std::string(id);
}

}  // namespace

absl::StatusOr<v1::Target> MetricsService::DoSetTarget(
    const Principal& caller, const v1::SetTargetRequest& request) {
  v1::Target target = request.target();
  std::string id;
  if (target.name().empty()) {
    id = NewId(*clock_);
    target.set_name(kTargetPrefix + id);
  } else {
    ASSIGN_OR_RETURN(id, TargetId(target.name(), "target.name"));
  }
  RETURN_IF_ERROR(
      Resolve(caller.tenant, target.metric(), "target.metric").status());
  ASSIGN_OR_RETURN(auto interval, ParseInterval(target.start_date(),
                                                target.end_date(), "target."));
  RETURN_IF_ERROR(ParseFilters(target.segment(), "target.segment").status());
  if (!std::isfinite(target.value())) {
    return InvalidField("target.value", "must be a finite number");
  }
  if (target.direction() == v1::Target::DIRECTION_UNSPECIFIED ||
      !v1::Target::Direction_IsValid(target.direction())) {
    return InvalidField("target.direction", "AT_LEAST or AT_MOST");
  }
  if (target.display_name().size() > 200) {
    return InvalidField("target.display_name", "at most 200 bytes");
  }
  RETURN_IF_ERROR(stores_.targets->Put(caller.tenant, id, target, interval.first,
                                       interval.second, clock_->Now()));
  return target;
}

absl::StatusOr<v1::GetScorecardResponse> MetricsService::DoScorecard(
    const Principal& caller, const v1::GetScorecardRequest& request) {
  ASSIGN_OR_RETURN(v1::MetricsSettings settings,
                   stores_.settings->Get(caller.tenant));
  DayNumber day;
  if (request.has_date()) {
    ASSIGN_OR_RETURN(absl::CivilDay d, FromDate(request.date(), "date"));
    day = ToDayNumber(d);
  } else {
    ASSIGN_OR_RETURN(absl::TimeZone zone, LoadZone(settings.time_zone()));
    day = LocalDay(clock_->Now(), zone);
  }
  ASSIGN_OR_RETURN(std::vector<v1::Target> targets,
                   stores_.targets->List(caller.tenant, day));
  v1::GetScorecardResponse out;
  *out.mutable_date() = ToDate(ToCivilDay(day));
  for (v1::Target& target : targets) {
    v1::ScorecardEntry* entry = out.add_entries();
    ASSIGN_OR_RETURN(auto interval, ParseInterval(target.start_date(),
                                                  target.end_date(), "target."));
    // The period so far, against the same number of days just before it.
    const DayNumber first = interval.first;
    const DayNumber last = std::min(interval.second, day);
    const DayNumber length = last - first + 1;
    ASSIGN_OR_RETURN(auto segment, ParseFilters(target.segment(), "target.segment"));
    ASSIGN_OR_RETURN(*entry->mutable_actual(),
                     Total(caller.tenant, target.metric(), "target.metric",
                           first, last, segment));
    ASSIGN_OR_RETURN(*entry->mutable_previous(),
                     Total(caller.tenant, target.metric(), "target.metric",
                           first - length, first - 1, segment));
    *entry->mutable_target() = std::move(target);
    RateEntry(entry);
  }
  return out;
}

grpc::Status MetricsService::SetTarget(grpc::ServerContext* context,
                                       const v1::SetTargetRequest* request,
                                       v1::Target* response) {
  return HandleCall(*context, "SetTarget", *authorizer_, kAdmins,
                    [&](const Principal& p) {
                      return AssignTo(DoSetTarget(p, *request), response);
                    });
}

grpc::Status MetricsService::ListTargets(grpc::ServerContext* context,
                                         const v1::ListTargetsRequest*,
                                         v1::ListTargetsResponse* response) {
  return HandleCall(*context, "ListTargets", *authorizer_, kReaders,
                    [&](const Principal& p) -> absl::Status {
                      ASSIGN_OR_RETURN(auto targets,
                                       stores_.targets->List(p.tenant, std::nullopt));
                      for (v1::Target& t : targets) {
                        *response->add_targets() = std::move(t);
                      }
                      return absl::OkStatus();
                    });
}

grpc::Status MetricsService::DeleteTarget(grpc::ServerContext* context,
                                          const v1::DeleteTargetRequest* request,
                                          v1::DeleteTargetResponse*) {
  return HandleCall(*context, "DeleteTarget", *authorizer_, kAdmins,
                    [&](const Principal& p) -> absl::Status {
                      ASSIGN_OR_RETURN(std::string id,
                                       TargetId(request->name(), "name"));
                      return stores_.targets->Delete(p.tenant, id);
                    });
}

grpc::Status MetricsService::GetScorecard(grpc::ServerContext* context,
                                          const v1::GetScorecardRequest* request,
                                          v1::GetScorecardResponse* response) {
  return HandleCall(*context, "GetScorecard", *authorizer_, kReaders,
                    [&](const Principal& p) {
                      return AssignTo(DoScorecard(p, *request), response);
                    });
}

}  // namespace cx::metrics
