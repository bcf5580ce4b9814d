#include "services/feedback/domain/closed_loop.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/api/resource_name.h"
#include "common/proto_time.h"
#include "common/status/errors.h"
#include "google/protobuf/util/time_util.h"
#include "services/feedback/domain/business_hours.h"
#include "services/feedback/domain/topic_name.h"

namespace cx::feedback {
namespace {

using google::protobuf::util::TimeUtil;

v1::CaseRule ScoreRule(const char* id, const char* type, int score,
                       v1::CasePriority priority) {
  v1::CaseRule rule;
  rule.set_id(id);
  rule.set_priority(priority);
  rule.mutable_score_at_most()->set_question_type(type);
  rule.mutable_score_at_most()->set_score(score);
  return rule;
}

absl::Duration DefaultSla(v1::CasePriority priority) {
  switch (priority) {
    case v1::CASE_PRIORITY_URGENT: return absl::Hours(4);
    case v1::CASE_PRIORITY_HIGH: return absl::Hours(24);
    case v1::CASE_PRIORITY_MEDIUM: return absl::Hours(72);
    default: return absl::Hours(168);
  }
}

std::string ScaleName(const v1::CaseRule& rule) {
  return absl::AsciiStrToUpper(rule.score_at_most().question_type());
}

template <typename List, typename Value>
bool ListAdmits(const List& list, const Value& value) {
  return list.empty() ||
         std::find(list.begin(), list.end(), value) != list.end();
}

bool InScope(const v1::CaseRuleScope& scope, const v1::Survey& survey,
             const v1::Response& response) {
  return ListAdmits(scope.surveys(), survey.name()) &&
         ListAdmits(scope.channels(), response.channel()) &&
         ListAdmits(scope.touchpoints(), response.touchpoint());
}

void ValidateScope(const v1::CaseRuleScope& scope, const std::string& field,
                   FieldViolations* v) {
  constexpr int kMaxEntries = 50;
  for (const auto& [list, size] : {std::pair{"surveys", scope.surveys_size()},
                                   {"channels", scope.channels_size()},
                                   {"touchpoints", scope.touchpoints_size()}}) {
    if (size > kMaxEntries) {
      v->Add(absl::StrCat(field, ".", list), "at most 50 entries");
    }
  }
  for (int i = 0; i < scope.surveys_size(); ++i) {
    if (!IsReferenceName(scope.surveys(i), {"surveys"})) {
      v->Add(absl::StrCat(field, ".surveys[", i, "]"),
             "must have the form surveys/{survey}");
    }
  }
  for (int i = 0; i < scope.channels_size(); ++i) {
    const auto channel = static_cast<cx::type::v1::Channel>(scope.channels(i));
    if (channel == cx::type::v1::CHANNEL_UNSPECIFIED ||
        !cx::type::v1::Channel_IsValid(channel)) {
      v->Add(absl::StrCat(field, ".channels[", i, "]"),
             "must be a channel such as CHANNEL_EMAIL");
    }
  }
  for (int i = 0; i < scope.touchpoints_size(); ++i) {
    if (!IsReferenceName(scope.touchpoints(i), {"journeys", "touchpoints"})) {
      v->Add(absl::StrCat(field, ".touchpoints[", i, "]"),
             "must have the form journeys/{journey}/touchpoints/{touchpoint}");
    }
  }
}

// A survey's questions by id, built once per response for all the rules.
using QuestionsById =
    absl::flat_hash_map<absl::string_view, const v1::Question*>;

bool Matches(const v1::CaseRule& rule, const QuestionsById& questions,
             const v1::Response& response, std::string* reason) {
  for (const v1::Answer& a : response.answers()) {
    auto it = questions.find(a.question_id());
    if (it == questions.end()) continue;
    switch (rule.condition_case()) {
      case v1::CaseRule::kScoreAtMost:
        // The score first: most answers are above the threshold, and the
        // type's name is a descriptor lookup.
        if (a.value_case() == v1::Answer::kScore &&
            a.score() <= rule.score_at_most().score() &&
            absl::EqualsIgnoreCase(v1::QuestionType_Name(it->second->type()),
                                   rule.score_at_most().question_type())) {
          *reason = absl::StrCat(rule.id(), ": ", a.question_id(), " = ",
                                 a.score());
          return true;
        }
        break;
      case v1::CaseRule::kSentimentAtMost:
        if (a.has_analysis() &&
            a.analysis().sentiment_score() <= rule.sentiment_at_most()) {
          *reason = absl::StrCat(rule.id(), ": ", a.question_id(),
                                 " sentiment ", a.analysis().sentiment_score());
          return true;
        }
        break;
      case v1::CaseRule::kTopic:
        if (a.value_case() == v1::Answer::kText) {
          for (const auto& topic : a.analysis().topics()) {
            if (topic == rule.topic()) {
              *reason = absl::StrCat(rule.id(), ": ", a.question_id(),
                                     " is about ", topic);
              return true;
            }
          }
          // Not a taxonomy topic: a word the customer used (compared
          // ignoring ASCII case, without copying the comment).
          const std::string& text = a.text();
          const std::string& word = rule.topic();
          if (std::search(text.begin(), text.end(), word.begin(), word.end(),
                          [](char x, char y) {
                            return absl::ascii_tolower(x) ==
                                   absl::ascii_tolower(y);
                          }) != text.end()) {
            *reason = absl::StrCat(rule.id(), ": ", a.question_id(),
                                   " mentions ", rule.topic());
            return true;
          }
        }
        break;
      case v1::CaseRule::kTopicSentimentAtMost: {
        const v1::TopicSentimentAtMost& wanted = rule.topic_sentiment_at_most();
        for (const v1::TopicSentiment& t : a.analysis().topic_sentiments()) {
          if (t.topic() == wanted.topic() && t.score() <= wanted.score()) {
            *reason = absl::StrCat(rule.id(), ": ", a.question_id(), " on ",
                                   t.topic(), " sentiment ", t.score());
            return true;
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return false;
}

}  // namespace

const v1::ClosedLoopPolicy& DefaultClosedLoopPolicy() {
  static const auto* policy = [] {
    auto* p = new v1::ClosedLoopPolicy;
    *p->add_rules() = ScoreRule("angry detractor", "QUESTION_TYPE_NPS", 3,
                                v1::CASE_PRIORITY_URGENT);
    *p->add_rules() = ScoreRule("detractor", "QUESTION_TYPE_NPS", 6,
                                v1::CASE_PRIORITY_HIGH);
    *p->add_rules() = ScoreRule("dissatisfied", "QUESTION_TYPE_CSAT", 2,
                                v1::CASE_PRIORITY_HIGH);
    *p->add_rules() = ScoreRule("high effort", "QUESTION_TYPE_CES", 3,
                                v1::CASE_PRIORITY_MEDIUM);
    v1::CaseRule negative;
    negative.set_id("negative comment");
    negative.set_priority(v1::CASE_PRIORITY_MEDIUM);
    negative.set_sentiment_at_most(-0.5);
    *p->add_rules() = negative;
    v1::CaseRule cancel;
    cancel.set_id("churn risk");
    cancel.set_priority(v1::CASE_PRIORITY_HIGH);
    cancel.set_topic("cancel");
    *p->add_rules() = cancel;
    return p;
  }();
  return *policy;
}

absl::Status ValidatePolicy(const v1::ClosedLoopPolicy& policy) {
  FieldViolations v;
  if (policy.rules_size() > 50) v.Add("policy.rules", "at most 50 rules");
  for (int i = 0; i < policy.rules_size(); ++i) {
    const v1::CaseRule& rule = policy.rules(i);
    const std::string f = absl::StrCat("policy.rules[", i, "]");
    if (rule.id().empty() || rule.id().size() > 64) {
      v.Add(f + ".id", "must have 1 to 64 characters");
    }
    if (rule.priority() == v1::CASE_PRIORITY_UNSPECIFIED ||
        !v1::CasePriority_IsValid(rule.priority())) {
      v.Add(f + ".priority", "must be LOW, MEDIUM, HIGH or URGENT");
    }
    switch (rule.condition_case()) {
      case v1::CaseRule::kScoreAtMost: {
        v1::QuestionType type;
        if (!v1::QuestionType_Parse(ScaleName(rule), &type) ||
            type == v1::QUESTION_TYPE_UNSPECIFIED ||
            type > v1::QUESTION_TYPE_RATING) {
          v.Add(f + ".score_at_most.question_type",
                "must be QUESTION_TYPE_NPS, _CSAT, _CES or _RATING");
        }
        break;
      }
      case v1::CaseRule::kSentimentAtMost:
        if (rule.sentiment_at_most() < -1 || rule.sentiment_at_most() > 1) {
          v.Add(f + ".sentiment_at_most", "must be in [-1, 1]");
        }
        break;
      case v1::CaseRule::kTopic:
        if (rule.topic().empty() || rule.topic().size() > 64) {
          v.Add(f + ".topic", "must have 1 to 64 characters");
        }
        break;
      case v1::CaseRule::kTopicSentimentAtMost: {
        const v1::TopicSentimentAtMost& t = rule.topic_sentiment_at_most();
        if (!IsTopicName(t.topic())) {
          v.Add(f + ".topic_sentiment_at_most.topic",
                "must be a topic name ([a-z0-9_]{1,40})");
        }
        if (t.score() < -1 || t.score() > 1) {
          v.Add(f + ".topic_sentiment_at_most.score", "must be in [-1, 1]");
        }
        break;
      }
      default:
        v.Add(f, "needs a condition: score_at_most, sentiment_at_most, topic "
                 "or topic_sentiment_at_most");
    }
    ValidateScope(rule.scope(), f + ".scope", &v);
    if (!rule.owner().empty() && !IsCaseOwner(rule.owner())) {
      v.Add(f + ".owner", kCaseOwnerRule);
    }
  }
  if (policy.has_business_hours()) {
    ValidateBusinessHours(policy.business_hours(), "policy.business_hours", &v);
  }
  for (const auto& [priority, duration] : policy.sla()) {
    v1::CasePriority p;
    if (!v1::CasePriority_Parse(priority, &p) ||
        p == v1::CASE_PRIORITY_UNSPECIFIED) {
      v.Add(absl::StrCat("policy.sla[", priority, "]"),
            "keys are CASE_PRIORITY_LOW ... CASE_PRIORITY_URGENT");
    } else if (duration.seconds() < 60 || duration.seconds() > 90 * 86400) {
      v.Add(absl::StrCat("policy.sla[", priority, "]"),
            "must be between 1 minute and 90 days");
    }
  }
  return v.ToStatus();
}

absl::Duration SlaFor(const v1::ClosedLoopPolicy& policy,
                      v1::CasePriority priority) {
  auto it = policy.sla().find(v1::CasePriority_Name(priority));
  if (it == policy.sla().end()) return DefaultSla(priority);
  return FromProto(it->second);
}

absl::Time DueTime(const v1::ClosedLoopPolicy& policy,
                   v1::CasePriority priority, absl::Time now) {
  const absl::Duration sla = SlaFor(policy, priority);
  if (!policy.has_business_hours()) return now + sla;
  return AddWorkingTime(policy.business_hours(), now, sla);
}

std::optional<v1::Case> EvaluateRules(const v1::ClosedLoopPolicy& policy,
                                      const v1::Survey& survey,
                                      const v1::Response& response,
                                      absl::Time now) {
  QuestionsById questions;
  for (const auto& q : survey.questions()) questions[q.id()] = &q;
  v1::Case c;
  v1::CasePriority owner_priority = v1::CASE_PRIORITY_UNSPECIFIED;
  for (const v1::CaseRule& rule : policy.rules()) {
    std::string reason;
    if (!InScope(rule.scope(), survey, response) ||
        !Matches(rule, questions, response, &reason)) {
      continue;
    }
    c.add_reasons(reason);
    c.set_priority(std::max(c.priority(), rule.priority()));
    if (!rule.owner().empty() && rule.priority() > owner_priority) {
      c.set_owner(rule.owner());
      owner_priority = rule.priority();
    }
  }
  if (c.reasons_size() == 0) return std::nullopt;
  c.set_response(response.name());
  c.set_customer_id(response.customer_id());
  c.set_state(v1::Case::STATE_OPEN);
  *c.mutable_create_time() = ToProto(now);
  *c.mutable_update_time() = ToProto(now);
  *c.mutable_due_time() = ToProto(DueTime(policy, c.priority(), now));
  return c;
}

bool IsCaseOwner(absl::string_view owner) {
  return IsReferenceName(owner, {"teams"}) ||
         IsReferenceName(owner, {"employees"});
}

absl::Status CheckTransition(v1::Case::State from, v1::Case::State to) {
  using S = v1::Case;
  const bool ok =
      from == to || (from == S::STATE_OPEN && to == S::STATE_IN_PROGRESS) ||
      (from == S::STATE_OPEN && to == S::STATE_RESOLVED) ||
      (from == S::STATE_IN_PROGRESS && to == S::STATE_RESOLVED) ||
      (from == S::STATE_RESOLVED && to == S::STATE_CLOSED) ||
      (from == S::STATE_RESOLVED && to == S::STATE_OPEN) ||
      (from == S::STATE_CLOSED && to == S::STATE_OPEN);
  if (ok) return absl::OkStatus();
  return FailedPrecondition(
      "INVALID_CASE_TRANSITION", "case.state",
      absl::StrCat("a case cannot go from ", v1::Case::State_Name(from),
                   " to ", v1::Case::State_Name(to)));
}

absl::Status TransitionCase(v1::Case::State to, absl::Time now, v1::Case* c) {
  const v1::Case::State from = c->state();
  if (absl::Status s = CheckTransition(from, to); !s.ok()) return s;
  if (from == to) return absl::OkStatus();
  c->set_state(to);
  if (from == v1::Case::STATE_OPEN && !c->has_first_response_time()) {
    *c->mutable_first_response_time() = ToProto(now);
  }
  if (to == v1::Case::STATE_RESOLVED) {
    *c->mutable_resolve_time() = ToProto(now);
  } else if (to == v1::Case::STATE_OPEN) {
    c->clear_resolve_time();
  }
  return absl::OkStatus();
}

bool IsResolved(const v1::Case& c) {
  return c.state() == v1::Case::STATE_RESOLVED ||
         c.state() == v1::Case::STATE_CLOSED;
}

bool IsOverdue(const v1::Case& c, absl::Time now) {
  return !IsResolved(c) && FromProto(c.due_time()) < now;
}

void Escalate(const v1::ClosedLoopPolicy& policy, absl::Time now,
              v1::Case* c) {
  const auto raised = static_cast<v1::CasePriority>(
      std::min<int>(c->priority() + 1, v1::CASE_PRIORITY_URGENT));
  c->set_priority(raised);
  c->set_escalations(c->escalations() + 1);
  *c->mutable_due_time() = ToProto(DueTime(policy, raised, now));
  *c->mutable_update_time() = ToProto(now);
}

}  // namespace cx::feedback
