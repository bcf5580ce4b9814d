// The gRPC layer of cx-metrics: validate, authorise, call domain and stores,
// convert. No SQL here.
#ifndef CX_SERVICES_METRICS_METRICS_SERVICE_H_
#define CX_SERVICES_METRICS_METRICS_SERVICE_H_

#include "common/auth/authorizer.h"
#include "common/clock.h"
#include "cx/metrics/v1/metrics_service.grpc.pb.h"
#include "services/metrics/store/driver_reader.h"
#include "services/metrics/store/observation_writer.h"
#include "services/metrics/store/revenue_store.h"
#include "services/metrics/store/rollup_reader.h"
#include "services/metrics/store/settings_store.h"
#include "services/metrics/store/target_store.h"

namespace cx::metrics {

// The stores the service works on; all must outlive it.
struct MetricsStores {
  ObservationWriter* writer;
  RollupReader* rollups;
  DriverReader* drivers;
  SettingsStore* settings;
  RevenueStore* revenue;
  TargetStore* targets;
};

class MetricsService final : public v1::MetricsService::Service {
 public:
  MetricsService(MetricsStores stores, const Authorizer* authorizer,
                 const Clock* clock)
      : stores_(stores), authorizer_(authorizer), clock_(clock) {}

  grpc::Status RecordObservations(grpc::ServerContext* context,
                                  const v1::RecordObservationsRequest* request,
                                  v1::RecordObservationsResponse* response) override;
  grpc::Status QueryMetric(grpc::ServerContext* context,
                           const v1::QueryMetricRequest* request,
                           v1::QueryMetricResponse* response) override;
  grpc::Status CompareMetric(grpc::ServerContext* context,
                             const v1::CompareMetricRequest* request,
                             v1::CompareMetricResponse* response) override;
  grpc::Status AnalyzeDrivers(grpc::ServerContext* context,
                              const v1::AnalyzeDriversRequest* request,
                              v1::AnalyzeDriversResponse* response) override;
  grpc::Status RecordAccountRevenue(grpc::ServerContext* context,
                                    const v1::RecordAccountRevenueRequest* request,
                                    v1::AccountRevenue* response) override;
  grpc::Status GetRevenueRetention(grpc::ServerContext* context,
                                   const v1::GetRevenueRetentionRequest* request,
                                   v1::GetRevenueRetentionResponse* response) override;
  grpc::Status SetTarget(grpc::ServerContext* context,
                         const v1::SetTargetRequest* request,
                         v1::Target* response) override;
  grpc::Status ListTargets(grpc::ServerContext* context,
                           const v1::ListTargetsRequest* request,
                           v1::ListTargetsResponse* response) override;
  grpc::Status DeleteTarget(grpc::ServerContext* context,
                            const v1::DeleteTargetRequest* request,
                            v1::DeleteTargetResponse* response) override;
  grpc::Status GetScorecard(grpc::ServerContext* context,
                            const v1::GetScorecardRequest* request,
                            v1::GetScorecardResponse* response) override;
  grpc::Status GetMetricsSettings(grpc::ServerContext* context,
                                  const v1::GetMetricsSettingsRequest* request,
                                  v1::MetricsSettings* response) override;
  grpc::Status UpdateMetricsSettings(grpc::ServerContext* context,
                                     const v1::UpdateMetricsSettingsRequest* request,
                                     v1::MetricsSettings* response) override;

 private:
  // The metric point of `spec` over [first, last] for a segment.
  absl::StatusOr<v1::MetricPoint> Total(const std::string& tenant,
                                        const v1::MetricSpec& spec,
                                        const std::string& field,
                                        DayNumber first, DayNumber last,
                                        std::vector<DimensionCondition> conditions);
  absl::StatusOr<MetricQuery> Resolve(const std::string& tenant,
                                      const v1::MetricSpec& spec,
                                      const std::string& field);

  absl::StatusOr<v1::RecordObservationsResponse> DoRecord(
      const Principal& caller, const v1::RecordObservationsRequest& request);
  absl::StatusOr<v1::QueryMetricResponse> DoQuery(
      const Principal& caller, const v1::QueryMetricRequest& request);
  absl::StatusOr<v1::CompareMetricResponse> DoCompare(
      const Principal& caller, const v1::CompareMetricRequest& request);
  absl::StatusOr<v1::AnalyzeDriversResponse> DoAnalyzeDrivers(
      const Principal& caller, const v1::AnalyzeDriversRequest& request);
  absl::StatusOr<v1::AccountRevenue> DoRecordRevenue(
      const Principal& caller, const v1::RecordAccountRevenueRequest& request);
  absl::StatusOr<v1::GetRevenueRetentionResponse> DoRetention(
      const Principal& caller, const v1::GetRevenueRetentionRequest& request);
  absl::StatusOr<v1::Target> DoSetTarget(const Principal& caller,
                                         const v1::SetTargetRequest& request);
  absl::StatusOr<v1::GetScorecardResponse> DoScorecard(
      const Principal& caller, const v1::GetScorecardRequest& request);
  absl::StatusOr<v1::MetricsSettings> DoUpdateSettings(
      const Principal& caller, const v1::UpdateMetricsSettingsRequest& request);

  MetricsStores stores_;
  const Authorizer* authorizer_;
  const Clock* clock_;
};

}  // namespace cx::metrics

#endif  // CX_SERVICES_METRICS_METRICS_SERVICE_H_
