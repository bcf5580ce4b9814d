#include "common/api/filter.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace cx {
namespace {

class Parser {
 public:
  explicit Parser(absl::string_view text) : text_(text) {}

  absl::StatusOr<std::vector<FilterCondition>> Parse() {
    std::vector<FilterCondition> conditions;
    SkipSpace();
    if (pos_ == text_.size()) return conditions;
    while (true) {
      FilterCondition c;
      c.field = Word();
      if (c.field.empty()) return Error("expected a field name");
      SkipSpace();
      if (!Op(&c.op)) return Error("expected one of = != < <= > >=");
      SkipSpace();
      if (pos_ < text_.size() && text_[pos_] == '"') {
        if (!Quoted(&c.value)) return Error("unterminated string");
      } else {
        c.value = Word();
        if (c.value.empty()) return Error("expected a value");
      }
      conditions.push_back(std::move(c));
      SkipSpace();
      if (pos_ == text_.size()) return conditions;
      if (Word() != "AND") return Error("expected AND (only AND is supported)");
      SkipSpace();
    }
  }

 private:
  absl::Status Error(absl::string_view what) const {
    return InvalidField("filter", absl::StrCat(what, " at offset ", pos_));
  }
  void SkipSpace() {
    while (pos_ < text_.size() && absl::ascii_isspace(text_[pos_])) ++pos_;
  }
  std::string Word() {
    const size_t start = pos_;
    while (pos_ < text_.size() &&
           (absl::ascii_isalnum(text_[pos_]) || text_[pos_] == '_' ||
            text_[pos_] == '-' || text_[pos_] == '.' || text_[pos_] == ':' ||
            text_[pos_] == '/' || text_[pos_] == '+')) {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }
  bool Op(FilterOp* op) {
    auto take = [&](absl::string_view s, FilterOp o) {
      if (text_.substr(pos_, s.size()) != s) return false;
      pos_ += s.size();
      *op = o;
      return true;
    };
    return take("!=", FilterOp::kNe) || take("<=", FilterOp::kLe) ||
           take(">=", FilterOp::kGe) || take("=", FilterOp::kEq) ||
           take("<", FilterOp::kLt) || take(">", FilterOp::kGt);
  }
  bool Quoted(std::string* out) {
    ++pos_;  // opening quote
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return true;
      if (c == '\\' && pos_ < text_.size()) {
        out->push_back(text_[pos_++]);
      } else {
        out->push_back(c);
      }
    }
    return false;
  }

  absl::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<std::vector<FilterCondition>> ParseFilter(
    absl::string_view filter) {
  if (filter.size() > 2000) {
    return InvalidField("filter", "must be at most 2000 characters");
  }
  return Parser(filter).Parse();
}

absl::string_view FilterOpSql(FilterOp op) {
  switch (op) {
    case FilterOp::kEq: return "=";
    case FilterOp::kNe: return "<>";
    case FilterOp::kLt: return "<";
    case FilterOp::kLe: return "<=";
    case FilterOp::kGt: return ">";
    case FilterOp::kGe: return ">=";
  }
  return "=";
}

}  // namespace cx
