#include "services/feedback/domain/response_events.h"

#include "absl/container/flat_hash_map.h"
#include "services/feedback/domain/survey_rules.h"

namespace cx::feedback {

v1::ResponseRecorded RecordedEvent(const v1::Survey& survey,
                                   const v1::Response& response,
                                   const std::string& event_id) {
  v1::ResponseRecorded event;
  event.set_event_id(event_id);
  event.set_response(response.name());
  event.set_survey_version(response.survey_version());
  event.set_employee_survey(survey.audience() == v1::Survey::AUDIENCE_EMPLOYEE);
  event.set_channel(response.channel());
  event.set_touchpoint(response.touchpoint());
  event.set_team(response.team());
  event.set_agent(response.agent());
  *event.mutable_submit_time() = response.submit_time();
  absl::flat_hash_map<std::string, const v1::Question*> questions;
  for (const v1::Question& q : survey.questions()) questions[q.id()] = &q;
  for (const v1::Answer& answer : response.answers()) {
    if (answer.value_case() != v1::Answer::kScore) continue;
    auto it = questions.find(answer.question_id());
    if (it == questions.end()) continue;
    const std::optional<ScoreScale> scale = ScaleOf(*it->second);
    if (!scale) continue;
    v1::ScoredAnswer* scored = event.add_scores();
    scored->set_question_id(answer.question_id());
    scored->set_type(it->second->type());
    scored->set_score(answer.score());
    scored->set_scale_min(scale->min);
    scored->set_scale_max(scale->max);
  }
  return event;
}

}  // namespace cx::feedback
