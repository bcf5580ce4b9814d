#include "services/feedback/outbox/metric_events.h"

#include "absl/strings/str_cat.h"
#include "services/feedback/domain/response_events.h"

namespace cx::feedback {
namespace {

metrics::v1::ScoreKind KindOf(v1::QuestionType type) {
  switch (type) {
    case v1::QUESTION_TYPE_NPS: return metrics::v1::SCORE_KIND_NPS;
    case v1::QUESTION_TYPE_CSAT: return metrics::v1::SCORE_KIND_CSAT;
    case v1::QUESTION_TYPE_CES: return metrics::v1::SCORE_KIND_CES;
    default: return metrics::v1::SCORE_KIND_RATING;
  }
}

// `surveys/{survey}` of `surveys/{survey}/responses/{response}`.
std::string SurveyName(const std::string& response) {
  const size_t slash = response.find("/responses/");
  return slash == std::string::npos ? response : response.substr(0, slash);
}

// The observation metrics records for `recorded`, applied once by `event_id`.
metrics::v1::MetricEvent ObservationEvent(
    const std::string& event_id, const v1::ResponseRecorded& recorded) {
  metrics::v1::MetricEvent out;
  out.set_event_id(event_id);
  metrics::v1::Observation* o = out.mutable_observation();
  o->set_source(recorded.response());
  *o->mutable_time() = recorded.submit_time();
  o->set_channel(recorded.channel());
  o->set_touchpoint(recorded.touchpoint());
  o->set_team(recorded.team());
  o->set_agent(recorded.agent());
  o->set_employee(recorded.employee_survey());
  const std::string survey = SurveyName(recorded.response());
  for (const v1::ScoredAnswer& a : recorded.scores()) {
    metrics::v1::ObservedScore* s = o->add_scores();
    s->set_question(absl::StrCat(survey, "/questions/", a.question_id()));
    s->set_kind(KindOf(a.type()));
    s->set_score(a.score());
    s->set_scale_min(a.scale_min());
    s->set_scale_max(a.scale_max());
  }
  return out;
}

}  // namespace

absl::StatusOr<std::vector<metrics::v1::MetricEvent>> ToMetricEvents(
    const std::string& row_id, const std::string& event_type,
    const std::string& payload) {
  std::vector<metrics::v1::MetricEvent> out;
  if (event_type == kResponsesRecordedType) {
    v1::ResponsesRecorded recorded;
    if (!recorded.ParseFromString(payload)) {
      return absl::DataLossError("outbox payload cannot be parsed");
    }
    for (const v1::ResponseRecorded& r : recorded.responses()) {
      if (r.event_id().empty()) {
        return absl::DataLossError("outbox event without an event id");
      }
      out.push_back(ObservationEvent(r.event_id(), r));
    }
  } else if (event_type == kResponseRecordedType) {
    v1::ResponseRecorded recorded;
    if (!recorded.ParseFromString(payload)) {
      return absl::DataLossError("outbox payload cannot be parsed");
    }
    out.push_back(ObservationEvent(row_id, recorded));
  } else if (event_type == kCustomerErasedType) {
    v1::CustomerErased erased;
    if (!erased.ParseFromString(payload)) {
      return absl::DataLossError("outbox payload cannot be parsed");
    }
    if (erased.responses().empty()) return out;  // cases only
    metrics::v1::MetricEvent& event = out.emplace_back();
    event.set_event_id(row_id);
    for (const std::string& r : erased.responses()) {
      event.mutable_retraction()->add_sources(r);
    }
  }
  return out;
}

}  // namespace cx::feedback
