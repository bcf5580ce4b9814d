#include "services/metrics/metric_requests.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "common/api/resource_name.h"
#include "common/status/errors.h"

namespace cx::metrics {
namespace {

bool IsEventId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) {
      return false;
    }
  }
  return true;
}

void ValidateSource(const std::string& source, const std::string& field,
                    FieldViolations* v) {
  if (source.size() > 100 ||
      !ParseResourceName(field, source, {"surveys", "responses"}).ok()) {
    v->Add(field, "must be surveys/{survey}/responses/{response}");
  }
}

void ValidateObservation(const v1::Observation& o, const std::string& field,
                         FieldViolations* v) {
  ValidateSource(o.source(), field + ".source", v);
  if (!o.has_time() || o.time().seconds() < 0 ||
      o.time().seconds() > 253402300799) {
    v->Add(field + ".time", "required, from 1970 to 9999");
  }
  if (!cx::type::v1::Channel_IsValid(o.channel())) {
    v->Add(field + ".channel", "unknown channel");
  }
  if (o.touchpoint().size() > 200) v->Add(field + ".touchpoint", "at most 200 bytes");
  if (o.team().size() > 80) v->Add(field + ".team", "at most 80 bytes");
  if (o.agent().size() > 80) v->Add(field + ".agent", "at most 80 bytes");
  absl::flat_hash_set<std::string> questions;
  for (int i = 0; i < o.scores_size(); ++i) {
    const v1::ObservedScore& s = o.scores(i);
    const std::string f = absl::StrCat(field, ".scores[", i, "]");
    if (!IsQuestionName(s.question())) {
      v->Add(f + ".question", "must be surveys/{survey}/questions/{question}");
    }
    if (!questions.insert(s.question()).second) {
      v->Add(f + ".question", "scored twice in one observation");
    }
    ScoreScale scale{s.scale_min(), s.scale_max()};
    if (std::optional<ScoreScale> fixed = FixedScale(s.kind())) {
      if ((s.scale_min() || s.scale_max()) &&
          (s.scale_min() != fixed->min || s.scale_max() != fixed->max)) {
        v->Add(f + ".scale_max", "differs from the kind's fixed scale");
      }
      scale = *fixed;
    } else if (s.kind() != v1::SCORE_KIND_RATING) {
      v->Add(f + ".kind", "required: NPS, CSAT, CES or RATING");
      continue;
    } else if (s.scale_min() >= s.scale_max() ||
               s.scale_max() - s.scale_min() > 100) {
      v->Add(f + ".scale_max", "needs scale_min < scale_max, a span of at most 100");
      continue;
    }
    if (s.score() < scale.min || s.score() > scale.max) {
      v->Add(f + ".score", absl::StrCat("must be within ", scale.min, "-", scale.max));
    }
  }
}

}  // namespace

absl::Status ValidateEvents(const v1::RecordObservationsRequest& request) {
  FieldViolations v;
  if (request.events().empty() || request.events_size() > kMaxEventsPerCall) {
    v.Add("events", absl::StrCat("1 to ", kMaxEventsPerCall, " events per call"));
  }
  for (int i = 0; i < request.events_size() && v.size() < 20; ++i) {
    const v1::MetricEvent& e = request.events(i);
    const std::string field = absl::StrCat("events[", i, "]");
    if (!IsEventId(e.event_id())) {
      v.Add(field + ".event_id", "1-64 characters of [A-Za-z0-9_-]");
    }
    if (e.has_observation()) {
      ValidateObservation(e.observation(), field + ".observation", &v);
    } else if (e.has_retraction()) {
      const auto& sources = e.retraction().sources();
      if (sources.empty() || sources.size() > kMaxRetractedSources) {
        v.Add(field + ".retraction.sources",
              absl::StrCat("1 to ", kMaxRetractedSources, " sources"));
      }
      for (int j = 0; j < sources.size(); ++j) {
        ValidateSource(sources[j], absl::StrCat(field, ".retraction.sources[", j, "]"),
                       &v);
      }
    } else {
      v.Add(field, "needs an observation or a retraction");
    }
  }
  return v.ToStatus();
}

absl::StatusOr<std::pair<DayNumber, DayNumber>> ParseInterval(
    const google::type::Date& start, const google::type::Date& end,
    const std::string& prefix) {
  absl::StatusOr<absl::CivilDay> first = FromDate(start, prefix + "start_date");
  if (!first.ok()) return first.status();
  absl::StatusOr<absl::CivilDay> last = FromDate(end, prefix + "end_date");
  if (!last.ok()) return last.status();
  if (*last < *first) {
    return InvalidField(prefix + "end_date", "must not be before start_date");
  }
  if (*last - *first >= kMaxIntervalDays) {
    return InvalidField(prefix + "end_date", "intervals span at most three years");
  }
  return std::pair<DayNumber, DayNumber>{ToDayNumber(*first), ToDayNumber(*last)};
}

absl::StatusOr<std::vector<DimensionCondition>> ParseFilters(
    const google::protobuf::RepeatedPtrField<v1::DimensionFilter>& filters,
    const std::string& field) {
  std::vector<DimensionCondition> conditions;
  DimensionMask seen = 0;
  for (int i = 0; i < filters.size(); ++i) {
    const v1::DimensionFilter& f = filters[i];
    const std::string name = absl::StrCat(field, "[", i, "]");
    const int index = DimensionIndex(f.dimension());
    if (index < 0) return InvalidField(name + ".dimension", "required");
    if (seen & (1u << index)) {
      return InvalidField(name + ".dimension", "at most one filter per dimension");
    }
    seen |= 1u << index;
    if (f.values().empty() || f.values_size() > 1000) {
      return InvalidField(name + ".values", "1 to 1000 values");
    }
    conditions.push_back({index, {f.values().begin(), f.values().end()}});
  }
  return conditions;
}

absl::Status ValidateMetricSpec(const v1::MetricSpec& spec,
                                const std::string& field) {
  if (spec.type() == v1::METRIC_TYPE_UNSPECIFIED ||
      !v1::MetricType_IsValid(spec.type())) {
    return InvalidField(field + ".type", "required");
  }
  if (spec.type() == v1::METRIC_TYPE_RATING_MEAN && spec.question().empty()) {
    return InvalidField(field + ".question", "required for RATING_MEAN");
  }
  if (spec.type() == v1::METRIC_TYPE_RESPONSE_VOLUME && !spec.question().empty()) {
    return InvalidField(field + ".question", "volume counts responses, not a question");
  }
  if (!spec.question().empty() && !IsQuestionName(spec.question())) {
    return InvalidField(field + ".question",
                        "must be surveys/{survey}/questions/{question}");
  }
  return absl::OkStatus();
}

absl::StatusOr<MetricQuery> ResolveMetric(
    const v1::MetricSpec& spec, const std::optional<QuestionInfo>& question,
    const std::string& field) {
  MetricQuery q;
  q.type = spec.type();
  switch (spec.type()) {
    case v1::METRIC_TYPE_NPS: q.series = "nps"; q.scale = {0, 10}; break;
    case v1::METRIC_TYPE_ENPS: q.series = "enps"; q.scale = {0, 10}; break;
    case v1::METRIC_TYPE_CSAT: q.series = "csat"; q.scale = {1, 5}; break;
    case v1::METRIC_TYPE_CES: q.series = "ces"; q.scale = {1, 7}; break;
    case v1::METRIC_TYPE_RESPONSE_VOLUME: q.series = kVolumeSeries; q.scale = {0, 0}; break;
    default: break;
  }
  if (spec.question().empty()) return q;
  q.series = QuestionSeries(spec.question());
  if (!question) {
    // Never observed: an empty answer, on the type's own scale.
    if (spec.type() == v1::METRIC_TYPE_RATING_MEAN) q.scale = {0, 0};
    return q;
  }
  const v1::ScoreKind expected =
      spec.type() == v1::METRIC_TYPE_NPS || spec.type() == v1::METRIC_TYPE_ENPS
          ? v1::SCORE_KIND_NPS
      : spec.type() == v1::METRIC_TYPE_CSAT ? v1::SCORE_KIND_CSAT
      : spec.type() == v1::METRIC_TYPE_CES  ? v1::SCORE_KIND_CES
                                            : v1::SCORE_KIND_UNSPECIFIED;
  if (expected != v1::SCORE_KIND_UNSPECIFIED && question->kind != expected) {
    return InvalidField(field + ".question",
                        absl::StrCat("is a ", v1::ScoreKind_Name(question->kind),
                                     " question, not one for ",
                                     v1::MetricType_Name(spec.type())));
  }
  q.scale = question->scale;
  return q;
}

}  // namespace cx::metrics
