// CaseStore on MySQL (migrations/0002_closed_loop_cases.sql).
#ifndef CX_SERVICES_FEEDBACK_STORE_MYSQL_CASE_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_MYSQL_CASE_STORE_H_

#include "common/clock.h"
#include "common/mysql/connection_pool.h"
#include "services/feedback/store/case_store.h"

namespace cx::feedback {

class MysqlCaseStore final : public CaseStore {
 public:
  // `pool` and `clock` must outlive the store. ForEachCaseOpened reads
  // `scan_page` cases per query.
  MysqlCaseStore(ConnectionPool* pool, const Clock* clock, int scan_page = 1000)
      : pool_(pool), clock_(clock), scan_page_(scan_page) {}

  absl::StatusOr<v1::Case> Get(const std::string& tenant,
                               const std::string& id) override;
  absl::StatusOr<CasePage> List(const std::string& tenant,
                                const CaseListQuery& query) override;
  absl::Status ForEachCaseOpened(
      const std::string& tenant, absl::Time from, absl::Time before,
      absl::FunctionRef<void(const v1::Case&)> visit) override;
  absl::StatusOr<v1::Case> Mutate(
      const std::string& tenant, const std::string& id,
      const std::string& etag, const std::string& actor,
      v1::CaseEvent::Kind kind,
      absl::FunctionRef<absl::StatusOr<bool>(v1::Case&)> change) override;
  absl::StatusOr<std::vector<v1::CaseEvent>> EventsAfter(
      const std::string& tenant, int64_t after, int limit) override;
  absl::StatusOr<std::vector<v1::CaseEvent>> CaseEventsAfter(
      const std::string& tenant, const std::string& case_id, int64_t after,
      int limit) override;
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> FindOverdue(
      absl::Time now, int limit) override;
  absl::StatusOr<std::optional<v1::ClosedLoopPolicy>> GetPolicy(
      const std::string& tenant) override;
  absl::Status SetPolicy(const std::string& tenant,
                         const v1::ClosedLoopPolicy& policy,
                         absl::Time now) override;

 private:
  ConnectionPool* pool_;
  const Clock* clock_;
  const int scan_page_;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_MYSQL_CASE_STORE_H_
