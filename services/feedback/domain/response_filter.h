// The ListResponses filter language: which fields, which value types.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_RESPONSE_FILTER_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_RESPONSE_FILTER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/api/filter.h"
#include "cx/feedback/v1/response.pb.h"

namespace cx::feedback {

enum class ResponseField {
  kChannel,        // int: cx.type.v1.Channel number
  kCustomerId,     // string
  kTouchpoint,     // string
  kTeam,           // string
  kAgent,          // string
  kLocale,         // string
  kSurveyVersion,  // int
  kScore,          // int: the primary score
  kSubmitTime,     // int: Unix microseconds
  // string, = only: a topic the comments mention, speak negatively or
  // positively of (see TopicColumn).
  kTopic,
  kNegativeTopic,
  kPositiveTopic,
  // string, = only: one of the comments' keywords (TextAnalysis.keywords),
  // case-folded (see KeywordColumn).
  kKeyword,
};

struct ResponseCondition {
  ResponseField field;
  FilterOp op;
  std::variant<int64_t, std::string> value;
};

// INVALID_ARGUMENT (filter) for unknown fields or values of the wrong type.
absl::StatusOr<std::vector<ResponseCondition>> ParseResponseFilter(
    absl::string_view filter);

// What the response's comments say per topic (TopicMentions), as stored
// beside it for the topic filters: ",billing:negative,delivery:positive,"
// (labels positive, neutral, negative, mixed), or "" without topics.
std::string TopicColumn(const v1::Response& response);

// The keywords of the response's comments, each once in order, as stored
// beside it for the keyword filter: ",login,app,", or "" without any; at
// most 1,000 bytes (the keywords that would not fit are left out).
std::string KeywordColumn(const v1::Response& response);

// The LIKE pattern (`!` escapes) a topic or keyword condition matches in
// its stored column (TopicColumn, KeywordColumn).
std::string ColumnPattern(const ResponseCondition& condition);

// Evaluates a condition in memory (the in-memory store; tests).
bool Matches(const ResponseCondition& condition, const v1::Response& response,
             std::optional<int> score);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_RESPONSE_FILTER_H_
