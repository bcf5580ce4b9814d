// Statements whose arity depends on the input (IN lists, multi-row VALUES):
// their placeholder lists; the values themselves are always bound.
#ifndef CX_COMMON_MYSQL_PLACEHOLDERS_H_
#define CX_COMMON_MYSQL_PLACEHOLDERS_H_

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/mysql/session.h"

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

// Rows per multi-row statement: large enough to amortise round trips, small
// enough to stay far below max_allowed_packet.
inline constexpr size_t kRowsPerStatement = 500;

// Runs `sql_head` + "(?, ...), ..." + `sql_tail` for `rows`, kRowsPerStatement
// at a time; `bind(row, &params)` appends one row's `columns` values.
template <typename Row, typename Bind>
void InsertRows(Session& s, const std::string& sql_head,
                const std::string& sql_tail, size_t columns,
                const std::vector<Row>& rows, Bind bind) {
  for (size_t start = 0; start < rows.size(); start += kRowsPerStatement) {
    const size_t n = std::min(kRowsPerStatement, rows.size() - start);
    std::vector<SqlValue> params;
    params.reserve(n * columns);
    for (size_t i = start; i < start + n; ++i) bind(rows[i], &params);
    s.Execute(absl::StrCat(sql_head, RowPlaceholders(n, columns), sql_tail), params);
  }
}

}  // namespace cx

#endif  // CX_COMMON_MYSQL_PLACEHOLDERS_H_
