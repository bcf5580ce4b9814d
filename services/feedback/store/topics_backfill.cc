#include "services/feedback/store/topics_backfill.h"

#include <vector>

#include "common/mysql/session.h"
#include "cx/feedback/v1/response.pb.h"
#include "services/feedback/domain/response_filter.h"

namespace cx::feedback {
namespace {

constexpr int kPage = 500;

}  // namespace

absl::StatusOr<int64_t> BackfillCommentColumns(
    ConnectionPool& pool, const std::string& tenant,
    const std::function<void(int64_t)>& progress) {
  struct Row {
    std::string tenant, id, topics, keywords;
  };
  int64_t read = 0, written = 0;
  std::string after_tenant = tenant, after_id;
  for (bool more = true; more;) {
    // (Filled afresh each attempt: Transact may run the work again after a
    // deadlock.)
    std::vector<Row> page;
    int changed = 0;
    const absl::Status status = pool.Transact([&](Session& s) -> absl::Status {
      page.clear();
      changed = 0;
      auto rs = s.QueryArgs(
          "SELECT tenant_id, id, body FROM responses "
          "WHERE (tenant_id > ? OR (tenant_id = ? AND id > ?)) "
          "AND (? = '' OR tenant_id = ?) AND (topics = '' OR keywords = '') "
          "ORDER BY tenant_id, id LIMIT ?",
          after_tenant, after_tenant, after_id, tenant, tenant, kPage);
      while (rs->next()) {
        v1::Response response;
        if (!response.ParseFromString(GetBytes(*rs, "body"))) {
          return absl::DataLossError("stored response cannot be parsed");
        }
        page.push_back({rs->getString("tenant_id").asStdString(),
                        rs->getString("id").asStdString(),
                        TopicColumn(response), KeywordColumn(response)});
      }
      for (const Row& row : page) {
        if (row.topics.empty() && row.keywords.empty()) continue;
        // (Rows filled between the two migrations have topics already:
        // rewriting them with the same value is harmless.)
        changed += s.ExecuteArgs(
            "UPDATE responses SET topics = ?, keywords = ? "
            "WHERE tenant_id = ? AND id = ? AND (topics = '' OR keywords = '')",
            row.topics, row.keywords, row.tenant, row.id);
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    read += static_cast<int64_t>(page.size());
    written += changed;
    if (progress) progress(read);
    more = page.size() == kPage;
    if (!page.empty()) {
      after_tenant = page.back().tenant;
      after_id = page.back().id;
    }
  }
  return written;
}

}  // namespace cx::feedback
