#include "services/feedback/domain/response_filter.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "common/status/errors.h"
#include "google/protobuf/util/time_util.h"
#include "services/feedback/domain/text/tokenizer.h"
#include "services/feedback/domain/topic_mentions.h"
#include "services/feedback/domain/topic_name.h"

namespace cx::feedback {
namespace {

struct FieldInfo {
  absl::string_view name;
  ResponseField field;
  enum { kInt, kString, kChannel, kTime, kTopic, kKeyword } type;
};

constexpr FieldInfo kFields[] = {
    {"channel", ResponseField::kChannel, FieldInfo::kChannel},
    {"customer_id", ResponseField::kCustomerId, FieldInfo::kString},
    {"touchpoint", ResponseField::kTouchpoint, FieldInfo::kString},
    {"team", ResponseField::kTeam, FieldInfo::kString},
    {"agent", ResponseField::kAgent, FieldInfo::kString},
    {"locale", ResponseField::kLocale, FieldInfo::kString},
    {"survey_version", ResponseField::kSurveyVersion, FieldInfo::kInt},
    {"score", ResponseField::kScore, FieldInfo::kInt},
    {"submit_time", ResponseField::kSubmitTime, FieldInfo::kTime},
    {"topic", ResponseField::kTopic, FieldInfo::kTopic},
    {"negative_topic", ResponseField::kNegativeTopic, FieldInfo::kTopic},
    {"positive_topic", ResponseField::kPositiveTopic, FieldInfo::kTopic},
    {"keyword", ResponseField::kKeyword, FieldInfo::kKeyword},
};

constexpr size_t kMaxKeywordColumnBytes = 1000;

absl::string_view LabelOf(v1::TextAnalysis::Sentiment sentiment) {
  switch (sentiment) {
    case v1::TextAnalysis::SENTIMENT_POSITIVE: return "positive";
    case v1::TextAnalysis::SENTIMENT_NEGATIVE: return "negative";
    case v1::TextAnalysis::SENTIMENT_MIXED: return "mixed";
    default: return "neutral";
  }
}

// What a topic or keyword condition looks for in its column: ",billing:"
// for a mention, ",billing:negative," for a complaint, ",login," for a
// keyword.
std::string Needle(const ResponseCondition& c) {
  const std::string& value = std::get<std::string>(c.value);
  switch (c.field) {
    case ResponseField::kKeyword:
      return absl::StrCat(",", value, ",");
    case ResponseField::kNegativeTopic:
      return absl::StrCat(",", value, ":negative,");
    case ResponseField::kPositiveTopic:
      return absl::StrCat(",", value, ":positive,");
    default:
      return absl::StrCat(",", value, ":");
  }
}

template <typename T>
bool Compare(const T& a, FilterOp op, const T& b) {
  switch (op) {
    case FilterOp::kEq: return a == b;
    case FilterOp::kNe: return a != b;
    case FilterOp::kLt: return a < b;
    case FilterOp::kLe: return a <= b;
    case FilterOp::kGt: return a > b;
    case FilterOp::kGe: return a >= b;
  }
  return false;
}

}  // namespace

absl::StatusOr<std::vector<ResponseCondition>> ParseResponseFilter(
    absl::string_view filter) {
  auto parsed = ParseFilter(filter);
  if (!parsed.ok()) return parsed.status();
  std::vector<ResponseCondition> out;
  for (const FilterCondition& c : *parsed) {
    const FieldInfo* info = nullptr;
    for (const FieldInfo& f : kFields) {
      if (f.name == c.field) info = &f;
    }
    if (info == nullptr) {
      return InvalidField("filter", absl::StrCat("unknown field '", c.field,
                                                 "'"));
    }
    ResponseCondition rc{info->field, c.op, int64_t{0}};
    switch (info->type) {
      case FieldInfo::kString:
        // No stored value ends with a space, and MariaDB's PAD SPACE
        // collations would compare "c-x " equal to "c-x", where the
        // in-memory store would not: refused rather than meaning two things.
        if (!c.value.empty() && c.value.back() == ' ') {
          return InvalidField("filter", absl::StrCat(c.field, " values never "
                                                     "end with a space"));
        }
        rc.value = c.value;
        break;
      case FieldInfo::kInt: {
        int64_t n = 0;
        if (!absl::SimpleAtoi(c.value, &n)) {
          return InvalidField("filter", absl::StrCat(c.field,
                                                     " takes an integer"));
        }
        rc.value = n;
        break;
      }
      case FieldInfo::kChannel: {
        std::string name = absl::AsciiStrToUpper(c.value);
        if (name.rfind("CHANNEL_", 0) != 0) name = "CHANNEL_" + name;
        cx::type::v1::Channel channel;
        if (!cx::type::v1::Channel_Parse(name, &channel) ||
            channel == cx::type::v1::CHANNEL_UNSPECIFIED) {
          return InvalidField("filter", absl::StrCat("unknown channel '",
                                                     c.value, "'"));
        }
        rc.value = static_cast<int64_t>(channel);
        break;
      }
      case FieldInfo::kTopic:
        if (c.op != FilterOp::kEq || !IsTopicName(c.value)) {
          return InvalidField("filter",
                              absl::StrCat(c.field, " takes = and a topic name "
                                                    "such as \"billing\""));
        }
        rc.value = c.value;
        break;
      case FieldInfo::kKeyword: {
        // Folded as the analysis folds words: "Login" finds "login".
        const std::vector<std::string> words = text::Tokenize(c.value, {});
        if (c.op != FilterOp::kEq || words.size() != 1) {
          return InvalidField("filter",
                              absl::StrCat(c.field, " takes = and one word "
                                                    "such as \"login\""));
        }
        rc.value = words[0];
        break;
      }
      case FieldInfo::kTime: {
        absl::Time t;
        std::string err;
        if (!absl::ParseTime(absl::RFC3339_full, c.value, &t, &err)) {
          return InvalidField("filter",
                              absl::StrCat(c.field, " takes an RFC 3339 time "
                                                    "such as 2026-01-31T00:00:00Z"));
        }
        rc.value = absl::ToUnixMicros(t);
        break;
      }
    }
    out.push_back(std::move(rc));
  }
  return out;
}

std::string TopicColumn(const v1::Response& response) {
  std::string column;
  for (const TopicMention& m : TopicMentions(response)) {
    absl::StrAppend(&column, column.empty() ? "," : "", *m.topic, ":",
                    LabelOf(m.sentiment), ",");
  }
  return column;
}

std::string KeywordColumn(const v1::Response& response) {
  std::string column;
  for (const v1::Answer& answer : response.answers()) {
    for (const std::string& keyword : answer.analysis().keywords()) {
      const std::string entry = absl::StrCat(",", keyword, ",");
      if (absl::StrContains(column, entry)) continue;
      const size_t grown = column.empty() ? entry.size()
                                          : column.size() + entry.size() - 1;
      if (grown > kMaxKeywordColumnBytes) continue;
      if (column.empty()) {
        column = entry;
      } else {
        column.append(entry, 1);  // the entries share their commas
      }
    }
  }
  return column;
}

std::string ColumnPattern(const ResponseCondition& c) {
  return absl::StrCat("%",
                      absl::StrReplaceAll(Needle(c), {{"!", "!!"},
                                                      {"%", "!%"},
                                                      {"_", "!_"}}),
                      "%");
}

bool Matches(const ResponseCondition& c, const v1::Response& r,
             std::optional<int> score) {
  auto str = [&](const std::string& field) {
    return Compare(field, c.op, std::get<std::string>(c.value));
  };
  auto num = [&](int64_t field) {
    return Compare(field, c.op, std::get<int64_t>(c.value));
  };
  switch (c.field) {
    case ResponseField::kChannel: return num(r.channel());
    case ResponseField::kCustomerId: return str(r.customer_id());
    case ResponseField::kTouchpoint: return str(r.touchpoint());
    case ResponseField::kTeam: return str(r.team());
    case ResponseField::kAgent: return str(r.agent());
    case ResponseField::kLocale: return str(r.locale());
    case ResponseField::kSurveyVersion: return num(r.survey_version());
    case ResponseField::kScore: return score.has_value() && num(*score);
    case ResponseField::kSubmitTime:
      return num(google::protobuf::util::TimeUtil::TimestampToMicroseconds(
          r.submit_time()));
    case ResponseField::kTopic:
    case ResponseField::kNegativeTopic:
    case ResponseField::kPositiveTopic:
      return absl::StrContains(TopicColumn(r), Needle(c));
    case ResponseField::kKeyword:
      return absl::StrContains(KeywordColumn(r), Needle(c));
  }
  return false;
}

}  // namespace cx::feedback
