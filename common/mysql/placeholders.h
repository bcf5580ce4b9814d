// Placeholder lists for statements whose arity depends on the input
// (IN lists, multi-row VALUES); the values themselves are always bound.
#ifndef CX_COMMON_MYSQL_PLACEHOLDERS_H_
#define CX_COMMON_MYSQL_PLACEHOLDERS_H_

#include <string>

#include "absl/strings/str_cat.h"

namespace cx {

// "?, ?, ?" for n = 3.
inline std::string Placeholders(size_t n) {
  std::string out;
  out.reserve(n * 3);
  for (size_t i = 0; i < n; ++i) out.append(i == 0 ? "?" : ", ?");
  return out;
}

// "(?, ?), (?, ?)" for rows = 2, columns = 2.
inline std::string RowPlaceholders(size_t rows, size_t columns) {
  const std::string row = absl::StrCat("(", Placeholders(columns), ")");
  std::string out;
  out.reserve(rows * (row.size() + 2));
  for (size_t i = 0; i < rows; ++i) {
    if (i) out.append(", ");
    out.append(row);
  }
  return out;
}

}  // namespace cx

#endif  // CX_COMMON_MYSQL_PLACEHOLDERS_H_
