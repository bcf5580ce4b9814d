#include "services/feedback/store/memory_survey_store.h"

#include "common/status/errors.h"
#include "services/feedback/store/resource_names.h"

namespace cx::feedback {

absl::StatusOr<v1::Survey> MemorySurveyStore::Create(
    const std::string& tenant, const std::string& id, const v1::Survey& survey,
    const std::string& request_id) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!request_id.empty()) {
    auto it = by_request_.find({tenant, request_id});
    if (it != by_request_.end()) return surveys_[{tenant, it->second}].survey;
    by_request_[{tenant, request_id}] = id;
  }
  Row row;
  row.survey = survey;
  row.survey.set_name(SurveyName(id));
  row.survey.set_etag(SurveyEtag(row.revision));
  surveys_[{tenant, id}] = row;
  return row.survey;
}

absl::StatusOr<v1::Survey> MemorySurveyStore::Get(const std::string& tenant,
                                                  const std::string& id,
                                                  int version) {
  std::lock_guard<std::mutex> lock(mu_);
  if (version > 0) {
    auto it = versions_.find({tenant, id, version});
    if (it == versions_.end()) {
      return NotFound("cx.feedback.v1.Survey",
                      absl::StrCat(SurveyName(id), "@", version));
    }
    return it->second;
  }
  auto it = surveys_.find({tenant, id});
  if (it == surveys_.end()) {
    return NotFound("cx.feedback.v1.Survey", SurveyName(id));
  }
  return it->second.survey;
}

absl::StatusOr<SurveyPage> MemorySurveyStore::List(
    const std::string& tenant, const SurveyListQuery& query) {
  std::lock_guard<std::mutex> lock(mu_);
  SurveyPage page;
  for (auto it = surveys_.upper_bound({tenant, query.after_id});
       it != surveys_.end() && it->first.first == tenant; ++it) {
    const v1::Survey& s = it->second.survey;
    if (query.state && s.state() != *query.state) continue;
    if (query.audience && s.audience() != *query.audience) continue;
    if (static_cast<int>(page.surveys.size()) == query.limit) {
      page.more = true;
      break;
    }
    page.surveys.push_back(s);
  }
  return page;
}

absl::StatusOr<v1::Survey> MemorySurveyStore::Mutate(
    const std::string& tenant, const std::string& id, const std::string& etag,
    absl::FunctionRef<absl::StatusOr<SurveyWrite>(v1::Survey&)> change) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = surveys_.find({tenant, id});
  if (it == surveys_.end()) {
    return NotFound("cx.feedback.v1.Survey", SurveyName(id));
  }
  Row& row = it->second;
  if (!etag.empty() && etag != row.survey.etag()) {
    return EtagMismatch(SurveyName(id));
  }
  v1::Survey survey = row.survey;
  auto write = change(survey);
  if (!write.ok()) return write.status();
  switch (*write) {
    case SurveyWrite::kNone:
      return row.survey;
    case SurveyWrite::kDelete:
      surveys_.erase(it);
      return survey;
    case SurveyWrite::kHeadAndNewVersion: {
      v1::Survey snapshot = survey;
      snapshot.clear_etag();
      versions_[{tenant, id, survey.version()}] = snapshot;
      [[fallthrough]];
    }
    case SurveyWrite::kHead:
      ++row.revision;
      survey.set_etag(SurveyEtag(row.revision));
      row.survey = survey;
      return survey;
  }
  return absl::InternalError("unhandled survey write");
}

}  // namespace cx::feedback
