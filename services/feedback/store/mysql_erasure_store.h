// ErasureStore on MySQL.
#ifndef CX_SERVICES_FEEDBACK_STORE_MYSQL_ERASURE_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_MYSQL_ERASURE_STORE_H_

#include "common/mysql/connection_pool.h"
#include "services/feedback/store/erasure_store.h"

namespace cx::feedback {

class MysqlErasureStore final : public ErasureStore {
 public:
  // `pool` must outlive the store.
  explicit MysqlErasureStore(ConnectionPool* pool) : pool_(pool) {}

  absl::StatusOr<ErasureCounts> EraseCustomer(const std::string& tenant,
                                              const std::string& customer_id,
                                              const std::string& event_id,
                                              absl::Time now) override;
  absl::StatusOr<absl::flat_hash_set<std::string>> ErasedAmong(
      const std::string& tenant,
      const std::vector<std::string>& customer_ids) override;

 private:
  ConnectionPool* pool_;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_MYSQL_ERASURE_STORE_H_
