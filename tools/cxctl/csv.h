// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines.
#ifndef CX_TOOLS_CXCTL_CSV_H_
#define CX_TOOLS_CXCTL_CSV_H_

#include <istream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace cx {

class CsvReader {
 public:
  explicit CsvReader(std::istream* in) : in_(in) {}
  // Reads the next record into `fields`; false at end of input. `line()` is
  // the line the record started on (1-based).
  bool Next(std::vector<std::string>* fields);
  int64_t line() const { return record_line_; }

 private:
  std::istream* in_;
  int64_t next_line_ = 1;
  int64_t record_line_ = 0;
};

// Quotes a field when it needs it.
std::string CsvField(absl::string_view value);
std::string CsvRow(const std::vector<std::string>& fields);

}  // namespace cx

#endif  // CX_TOOLS_CXCTL_CSV_H_
