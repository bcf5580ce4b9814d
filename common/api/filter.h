// A small AIP-160 filter subset: `field op value` conditions joined by AND.
// Values are quoted strings ("..." with \" and \\ escapes) or bare words and
// numbers. Services map each field to a typed column themselves; this only
// parses.
#ifndef CX_COMMON_API_FILTER_H_
#define CX_COMMON_API_FILTER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cx {

enum class FilterOp { kEq, kNe, kLt, kLe, kGt, kGe };

struct FilterCondition {
  std::string field;
  FilterOp op;
  std::string value;
};

// INVALID_ARGUMENT (field "filter") naming the position of a syntax error.
absl::StatusOr<std::vector<FilterCondition>> ParseFilter(
    absl::string_view filter);

// "=", "!=", "<" ... for building SQL from a parsed op.
absl::string_view FilterOpSql(FilterOp op);

}  // namespace cx

#endif  // CX_COMMON_API_FILTER_H_
