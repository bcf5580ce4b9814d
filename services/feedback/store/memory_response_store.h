// In-memory ResponseStore: the fake for service tests and the reference for
// the shared store suite.
#ifndef CX_SERVICES_FEEDBACK_STORE_MEMORY_RESPONSE_STORE_H_
#define CX_SERVICES_FEEDBACK_STORE_MEMORY_RESPONSE_STORE_H_

#include <map>
#include <mutex>

#include "services/feedback/store/memory_case_store.h"
#include "services/feedback/store/response_store.h"

namespace cx::feedback {

class MemoryResponseStore final : public ResponseStore {
 public:
  // With `cases`, responses that open a case store it there.
  explicit MemoryResponseStore(MemoryCaseStore* cases = nullptr)
      : cases_(cases) {}

  absl::StatusOr<v1::Response> Insert(const std::string& tenant,
                                      const NewResponse& response) override;
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

  // Removes the customer's responses; returns their names.
  std::vector<std::string> EraseCustomer(const std::string& tenant,
                                         const std::string& customer_id);

 private:
  using Key = std::pair<std::string, std::string>;  // tenant, id

  MemoryCaseStore* cases_;
  std::mutex mu_;
  std::map<Key, NewResponse> responses_;
  std::map<Key, std::string> by_request_;  // (tenant, request_id) -> id
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_MEMORY_RESPONSE_STORE_H_
