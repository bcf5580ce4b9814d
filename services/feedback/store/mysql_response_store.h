// ResponseStore on MySQL (schema: migrations/0001_surveys_and_responses.sql).
#ifndef CX_SERVICES_FEEDBACK_STORE_MYSQL_RESPONSE_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_MYSQL_RESPONSE_STORE_H_

#include "common/mysql/connection_pool.h"
#include "services/feedback/store/insert_turn.h"
#include "services/feedback/store/response_store.h"

namespace cx::feedback {

class MysqlResponseStore final : public ResponseStore {
 public:
  // `pool` must outlive the store.
  explicit MysqlResponseStore(ConnectionPool* pool) : pool_(pool) {}

  absl::StatusOr<v1::Response> Insert(const std::string& tenant,
                                      const NewResponse& response) override;
  // One multi-row INSERT in one transaction, on a NativeSession (the batch's
  // bytes bound in place); request-id duplicates (with
  // earlier rows or within the batch) resolve to the first stored response.
  // Concurrent batches take turns for their INSERT into responses, and only
  // for that: one batch's other statements and commit (its log flush)
  // overlap the next one's insert.
  std::vector<InsertOutcome> InsertBatch(
      const std::vector<TenantResponse>& batch) override {
    return Store(batch, WritePriority::kLive);
  }
  // As InsertBatch, but it takes the turn after any live batch waiting for
  // it, and while live ingest runs it inserts a hundred rows per statement:
  // live calls wait for one such statement at most, not a whole import batch.
  std::vector<InsertOutcome> InsertBulk(
      const std::vector<TenantResponse>& batch) override {
    return Store(batch, WritePriority::kBulk);
  }
  absl::StatusOr<v1::Response> Get(const std::string& tenant,
                                   const std::string& survey_id,
                                   const std::string& id) override;
  absl::StatusOr<ResponsePage> List(const std::string& tenant,
                                    const ResponseListQuery& query) override;
  absl::Status ForEachResponseSubmitted(
      const std::string& tenant, const std::string& survey_id,
      absl::Time from, absl::Time before,
      absl::FunctionRef<absl::Status(const v1::Response&)> visit) override;
  absl::Status ReplaceAnalyses(
      const std::string& tenant,
      const std::vector<v1::Response>& responses) override;

 private:
  std::vector<InsertOutcome> Store(const std::vector<TenantResponse>& batch,
                                   WritePriority priority);

  // Far longer than a bulk writer normally waits (milliseconds), short
  // enough that a rare lock cycle through the turn (see insert_turn.h) costs
  // the transactions in it a quarter second, not the database's lock wait
  // timeout.
  static constexpr std::chrono::milliseconds kBulkPatience{250};

  ConnectionPool* pool_;
  // Taken while a batch inserts its responses. Batches inserting side by
  // side append to the same index pages and spin on their latches; one at a
  // time cost MariaDB a quarter less CPU per row (bulk import, bench/ingest).
  InsertTurn insert_turn_{kBulkPatience};
};

// Responses per outbox row at most: a row's events always fit one call to
// cx-metrics' RecordObservations (1000 events at most).
inline constexpr size_t kMaxEventsPerOutboxRow = 500;

// Writes the outbox events (ResponseRecorded) of the responses in `stored`
// that carry one, in the caller's transaction: one ResponsesRecorded row per
// tenant and up to kMaxEventsPerOutboxRow responses, named by its first
// event's id.
void InsertRecordedEvents(SqlExecutor& session,
                          const std::vector<const TenantResponse*>& stored);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_MYSQL_RESPONSE_STORE_H_
