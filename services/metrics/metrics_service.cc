#include "services/metrics/metrics_service.h"

#include "absl/strings/str_cat.h"
#include "common/grpc/handler.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "services/metrics/domain/drivers.h"
#include "services/metrics/domain/metric_math.h"
#include "services/metrics/metric_requests.h"

namespace cx::metrics {
namespace {

constexpr std::initializer_list<Role> kRecorders = {Role::kAdmin, Role::kIngest};
constexpr std::initializer_list<Role> kReaders = {Role::kAdmin, Role::kAnalyst,
                                                  Role::kAgent};
constexpr std::initializer_list<Role> kAnalysts = {Role::kAdmin, Role::kAnalyst};
constexpr std::initializer_list<Role> kAdmins = {Role::kAdmin};

}  // namespace

absl::StatusOr<MetricQuery> MetricsService::Resolve(const std::string& tenant,
                                                    const v1::MetricSpec& spec,
                                                    const std::string& field) {
  RETURN_IF_ERROR(ValidateMetricSpec(spec, field));
  std::optional<QuestionInfo> question;
  if (!spec.question().empty()) {
    ASSIGN_OR_RETURN(question, stores_.rollups->Question(tenant, spec.question()));
  }
  return ResolveMetric(spec, question, field);
}

absl::StatusOr<v1::MetricPoint> MetricsService::Total(
    const std::string& tenant, const v1::MetricSpec& spec,
    const std::string& field, DayNumber first, DayNumber last,
    std::vector<DimensionCondition> conditions) {
  ASSIGN_OR_RETURN(MetricQuery query, Resolve(tenant, spec, field));
  query.first = first, query.last = last;
  query.granularity = v1::GRANULARITY_TOTAL;
  query.conditions = std::move(conditions);
  ASSIGN_OR_RETURN(v1::MetricsSettings settings, stores_.settings->Get(tenant));
  ASSIGN_OR_RETURN(v1::QueryMetricResponse r,
                   stores_.rollups->Query(tenant, query, settings.time_zone()));
  return r.series(0).total();
}

absl::StatusOr<v1::RecordObservationsResponse> MetricsService::DoRecord(
    const Principal& caller, const v1::RecordObservationsRequest& request) {
  RETURN_IF_ERROR(ValidateEvents(request));
  ASSIGN_OR_RETURN(RecordCounts counts,
                   stores_.writer->Record(caller.tenant, request.events(),
                                          clock_->Now()));
  v1::RecordObservationsResponse out;
  out.set_recorded(counts.recorded);
  out.set_duplicates(counts.duplicates);
  return out;
}

absl::StatusOr<v1::QueryMetricResponse> MetricsService::DoQuery(
    const Principal& caller, const v1::QueryMetricRequest& request) {
  ASSIGN_OR_RETURN(MetricQuery query, Resolve(caller.tenant, request.metric(), "metric"));
  ASSIGN_OR_RETURN(auto interval, ParseInterval(request.start_date(),
                                                request.end_date(), ""));
  query.first = interval.first, query.last = interval.second;
  if (!v1::Granularity_IsValid(request.granularity())) {
    return InvalidField("granularity", "unknown granularity");
  }
  query.granularity = request.granularity() == v1::GRANULARITY_UNSPECIFIED
                          ? v1::GRANULARITY_TOTAL
                          : request.granularity();
  if (request.group_by_size() > 2) {
    return InvalidField("group_by", "at most two dimensions");
  }
  for (int i = 0; i < request.group_by_size(); ++i) {
    const int index = DimensionIndex(request.group_by(i));
    if (index < 0) {
      return InvalidField(absl::StrCat("group_by[", i, "]"), "unknown dimension");
    }
    if (i == 1 && index == query.group_by[0]) {
      return InvalidField("group_by[1]", "must differ from group_by[0]");
    }
    query.group_by.push_back(index);
  }
  ASSIGN_OR_RETURN(query.conditions, ParseFilters(request.filters(), "filters"));
  ASSIGN_OR_RETURN(v1::MetricsSettings settings,
                   stores_.settings->Get(caller.tenant));
  return stores_.rollups->Query(caller.tenant, query, settings.time_zone());
}

absl::StatusOr<v1::CompareMetricResponse> MetricsService::DoCompare(
    const Principal& caller, const v1::CompareMetricRequest& request) {
  v1::MetricPoint sides[2];
  const v1::MetricSlice* slices[2] = {&request.baseline(), &request.comparison()};
  const char* names[2] = {"baseline.", "comparison."};
  for (int i = 0; i < 2; ++i) {
    ASSIGN_OR_RETURN(auto interval,
                     ParseInterval(slices[i]->start_date(), slices[i]->end_date(),
                                   names[i]));
    ASSIGN_OR_RETURN(auto conditions,
                     ParseFilters(slices[i]->filters(),
                                  absl::StrCat(names[i], "filters")));
    ASSIGN_OR_RETURN(sides[i], Total(caller.tenant, request.metric(), "metric",
                                     interval.first, interval.second,
                                     std::move(conditions)));
  }
  return Compare(request.metric().type(), sides[0], sides[1]);
}

absl::StatusOr<v1::AnalyzeDriversResponse> MetricsService::DoAnalyzeDrivers(
    const Principal& caller, const v1::AnalyzeDriversRequest& request) {
  if (request.outcome().type() == v1::METRIC_TYPE_RESPONSE_VOLUME) {
    return InvalidField("outcome.type", "needs a scored metric");
  }
  ASSIGN_OR_RETURN(MetricQuery outcome,
                   Resolve(caller.tenant, request.outcome(), "outcome"));
  DriverQuery query;
  query.outcome_series = outcome.series;
  for (int i = 0; i < request.driver_questions_size(); ++i) {
    if (!IsQuestionName(request.driver_questions(i))) {
      return InvalidField(absl::StrCat("driver_questions[", i, "]"),
                          "must be surveys/{survey}/questions/{question}");
    }
    query.driver_questions.push_back(request.driver_questions(i));
  }
  ASSIGN_OR_RETURN(auto interval, ParseInterval(request.start_date(),
                                                request.end_date(), ""));
  query.first = interval.first, query.last = interval.second;
  ASSIGN_OR_RETURN(query.conditions, ParseFilters(request.filters(), "filters"));
  if (request.driver_dimension() != v1::DIMENSION_UNSPECIFIED) {
    query.segment_dimension = DimensionIndex(request.driver_dimension());
    if (query.segment_dimension < 0) {
      return InvalidField("driver_dimension", "unknown dimension");
    }
    if (!query.driver_questions.empty()) {
      return InvalidField("driver_dimension", "drivers are questions or a dimension, not both");
    }
  }
  ASSIGN_OR_RETURN(DriverData data, stores_.drivers->Read(caller.tenant, query));
  v1::AnalyzeDriversResponse out;
  out.set_outcome_n(data.outcome_n);
  for (v1::Driver& d : query.segment_dimension >= 0
                           ? RankSegmentDrivers(data.segments, outcome.scale)
                           : RankDrivers(data.drivers)) {
    *out.add_drivers() = std::move(d);
  }
  return out;
}

absl::StatusOr<v1::MetricsSettings> MetricsService::DoUpdateSettings(
    const Principal& caller, const v1::UpdateMetricsSettingsRequest& request) {
  RETURN_IF_ERROR(LoadZone(request.settings().time_zone()).status());
  ASSIGN_OR_RETURN(v1::MetricsSettings current,
                   stores_.settings->Get(caller.tenant));
  if (!request.settings().currency_code().empty() &&
      request.settings().currency_code() != current.currency_code()) {
    return InvalidField("settings.currency_code",
                        "is set by the first revenue record and cannot change");
  }
  return stores_.settings->SetTimeZone(caller.tenant,
                                       request.settings().time_zone());
}

grpc::Status MetricsService::RecordObservations(
    grpc::ServerContext* context, const v1::RecordObservationsRequest* request,
    v1::RecordObservationsResponse* response) {
  return HandleCall(*context, "RecordObservations", *authorizer_, kRecorders,
                    [&](const Principal& p) {
                      return AssignTo(DoRecord(p, *request), response);
                    });
}

grpc::Status MetricsService::QueryMetric(grpc::ServerContext* context,
                                         const v1::QueryMetricRequest* request,
                                         v1::QueryMetricResponse* response) {
  return HandleCall(*context, "QueryMetric", *authorizer_, kReaders,
                    [&](const Principal& p) {
                      return AssignTo(DoQuery(p, *request), response);
                    });
}

grpc::Status MetricsService::CompareMetric(grpc::ServerContext* context,
                                           const v1::CompareMetricRequest* request,
                                           v1::CompareMetricResponse* response) {
  return HandleCall(*context, "CompareMetric", *authorizer_, kReaders,
                    [&](const Principal& p) {
                      return AssignTo(DoCompare(p, *request), response);
                    });
}

grpc::Status MetricsService::AnalyzeDrivers(
    grpc::ServerContext* context, const v1::AnalyzeDriversRequest* request,
    v1::AnalyzeDriversResponse* response) {
  return HandleCall(*context, "AnalyzeDrivers", *authorizer_, kAnalysts,
                    [&](const Principal& p) {
                      return AssignTo(DoAnalyzeDrivers(p, *request), response);
                    });
}

grpc::Status MetricsService::GetMetricsSettings(
    grpc::ServerContext* context, const v1::GetMetricsSettingsRequest*,
    v1::MetricsSettings* response) {
  return HandleCall(*context, "GetMetricsSettings", *authorizer_, kAnalysts,
                    [&](const Principal& p) {
                      return AssignTo(stores_.settings->Get(p.tenant), response);
                    });
}

grpc::Status MetricsService::UpdateMetricsSettings(
    grpc::ServerContext* context, const v1::UpdateMetricsSettingsRequest* request,
    v1::MetricsSettings* response) {
  return HandleCall(*context, "UpdateMetricsSettings", *authorizer_, kAdmins,
                    [&](const Principal& p) {
                      return AssignTo(DoUpdateSettings(p, *request), response);
                    });
}

}  // namespace cx::metrics
