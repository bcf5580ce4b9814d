#include "services/feedback/store/memory_response_store.h"

#include "common/proto_time.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "services/feedback/store/resource_names.h"

namespace cx::feedback {

absl::StatusOr<v1::Response> MemoryResponseStore::Insert(
    const std::string& tenant, const NewResponse& response) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!response.request_id.empty()) {
    auto [it, inserted] =
        by_request_.try_emplace({tenant, response.request_id}, response.id);
    if (!inserted) return responses_[{tenant, it->second}].response;
  }
  responses_[{tenant, response.id}] = response;
  if (cases_ != nullptr && response.opened_case) {
    cases_->Open(tenant, response.case_id, *response.opened_case);
  }
  return response.response;
}

absl::StatusOr<v1::Response> MemoryResponseStore::Get(
    const std::string& tenant, const std::string& survey_id,
    const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = responses_.find({tenant, id});
  if (it == responses_.end() || it->second.survey_id != survey_id) {
    return NotFound("cx.feedback.v1.Response", ResponseName(survey_id, id));
  }
  return it->second.response;
}

absl::StatusOr<ResponsePage> MemoryResponseStore::List(
    const std::string& tenant, const ResponseListQuery& query) {
  std::lock_guard<std::mutex> lock(mu_);
  ResponsePage page;
  for (auto it = responses_.upper_bound({tenant, query.after_id});
       it != responses_.end() && it->first.first == tenant; ++it) {
    const NewResponse& r = it->second;
    if (!query.survey_id.empty() && r.survey_id != query.survey_id) continue;
    bool match = true;
    for (const auto& c : query.conditions) {
      match = match && Matches(c, r.response, r.score);
    }
    if (!match) continue;
    if (static_cast<int>(page.responses.size()) == query.limit) {
      page.more = true;
      break;
    }
    page.responses.push_back(r.response);
  }
  return page;
}

absl::Status MemoryResponseStore::ReplaceAnalyses(
    const std::string& tenant, const std::vector<v1::Response>& responses) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const v1::Response& r : responses) {
    auto it = responses_.find({tenant, FinalIdOf(r.name())});
    if (it == responses_.end()) continue;
    it->second.response = r;
    it->second.body.clear();  // (the columns are computed from `response`)
    it->second.topic_column.reset();
    it->second.keyword_column.reset();
  }
  return absl::OkStatus();
}

absl::Status MemoryResponseStore::ForEachResponseSubmitted(
    const std::string& tenant, const std::string& survey_id, absl::Time from,
    absl::Time before, absl::FunctionRef<absl::Status(const v1::Response&)> visit) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = responses_.lower_bound({tenant, ""});
       it != responses_.end() && it->first.first == tenant; ++it) {
    const NewResponse& r = it->second;
    const absl::Time submitted = FromProto(r.response.submit_time());
    if ((survey_id.empty() || r.survey_id == survey_id) &&
        submitted >= from && submitted < before) {
      RETURN_IF_ERROR(visit(r.response));
    }
  }
  return absl::OkStatus();
}

std::vector<std::string> MemoryResponseStore::EraseCustomer(
    const std::string& tenant, const std::string& customer_id) {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> erased;
  for (auto it = responses_.begin(); it != responses_.end();) {
    if (it->first.first == tenant &&
        it->second.response.customer_id() == customer_id) {
      erased.push_back(it->second.response.name());
      if (!it->second.request_id.empty()) {
        by_request_.erase({tenant, it->second.request_id});
      }
      it = responses_.erase(it);
    } else {
      ++it;
    }
  }
  return erased;
}

}  // namespace cx::feedback
