#include "services/feedback/store/metrics_backfill.h"

#include <map>
#include <tuple>

#include "common/ids.h"
#include "common/mysql/session.h"
#include "services/feedback/domain/response_events.h"
#include "services/feedback/store/mysql_response_store.h"

namespace cx::feedback {
namespace {

constexpr int kPage = 500;

}  // namespace

absl::StatusOr<int64_t> BackfillRecordedEvents(
    ConnectionPool& pool, const std::string& tenant, const Clock& clock,
    const std::function<void(int64_t)>& progress) {
  int64_t written = 0;
  std::string after_tenant = tenant, after_id;
  // (tenant, survey, version) -> the published survey version.
  std::map<std::tuple<std::string, std::string, int64_t>, v1::Survey> surveys;
  for (bool more = true; more;) {
    std::vector<NewResponse> page;
    std::vector<std::string> tenants;
    const absl::Status status = pool.Transact([&](Session& s) -> absl::Status {
      page.clear();
      tenants.clear();
      auto rs = s.QueryArgs(
          "SELECT tenant_id, id, survey_id, survey_version, body FROM responses "
          "WHERE (tenant_id > ? OR (tenant_id = ? AND id > ?)) "
          "AND (? = '' OR tenant_id = ?) ORDER BY tenant_id, id LIMIT ?",
          after_tenant, after_tenant, after_id, tenant, tenant, kPage);
      while (rs->next()) {
        NewResponse r;
        r.survey_id = rs->getString("survey_id").asStdString();
        r.id = rs->getString("id").asStdString();
        if (!r.response.ParseFromString(GetBytes(*rs, "body"))) {
          return absl::DataLossError("stored response cannot be parsed");
        }
        tenants.push_back(rs->getString("tenant_id").asStdString());
        const std::tuple<std::string, std::string, int64_t> key{
            tenants.back(), r.survey_id, rs->getInt64("survey_version")};
        if (!surveys.contains(key)) {
          auto sv = s.QueryArgs(
              "SELECT body FROM survey_versions WHERE tenant_id = ? AND "
              "survey_id = ? AND version = ?",
              std::get<0>(key), std::get<1>(key), std::get<2>(key));
          v1::Survey survey;
          if (sv->next() && !survey.ParseFromString(GetBytes(*sv, "body"))) {
            return absl::DataLossError("stored survey cannot be parsed");
          }
          surveys[key] = std::move(survey);
        }
        r.event_id = NewId(clock);
        r.recorded_event =
            RecordedEvent(surveys[key], r.response, r.event_id).SerializeAsString();
        page.push_back(std::move(r));
      }
      std::vector<TenantResponse> items;
      std::vector<const TenantResponse*> pointers;
      items.reserve(page.size());
      for (size_t i = 0; i < page.size(); ++i) items.push_back({tenants[i], &page[i]});
      for (const TenantResponse& item : items) pointers.push_back(&item);
      InsertRecordedEvents(s, pointers);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    written += static_cast<int64_t>(page.size());
    if (progress) progress(written);
    more = page.size() == kPage;
    if (!page.empty()) after_tenant = tenants.back(), after_id = page.back().id;
  }
  return written;
}

}  // namespace cx::feedback
