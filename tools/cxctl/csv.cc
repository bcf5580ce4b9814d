#include "tools/cxctl/csv.h"

#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace cx {

bool CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  record_line_ = next_line_;
  std::string field;
  bool quoted = false;
  bool any = false;
  int c;
  while ((c = in_->get()) != EOF) {
    any = true;
    if (quoted) {
      if (c == '"') {
        if (in_->peek() == '"') {
          field.push_back('"');
          in_->get();
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++next_line_;
        field.push_back(static_cast<char>(c));
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields->push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      ++next_line_;
      fields->push_back(std::move(field));
      return true;
    } else if (c != '\r') {
      field.push_back(static_cast<char>(c));
    }
  }
  if (!any) return false;
  fields->push_back(std::move(field));
  return true;
}

std::string CsvField(absl::string_view value) {
  if (value.find_first_of(",\"\n\r") == absl::string_view::npos) {
    return std::string(value);
  }
  return "\"" + absl::StrReplaceAll(value, {{"\"", "\"\""}}) + "\"";
}

std::string CsvRow(const std::vector<std::string>& fields) {
  std::vector<std::string> quoted;
  quoted.reserve(fields.size());
  for (const auto& f : fields) quoted.push_back(CsvField(f));
  return absl::StrJoin(quoted, ",") + "\n";
}

}  // namespace cx
