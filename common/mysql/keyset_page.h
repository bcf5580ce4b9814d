// One page of a keyset-paginated list (AIP-158), read with one extra row to
// learn whether another page follows.
#ifndef CX_COMMON_MYSQL_KEYSET_PAGE_H_
#define CX_COMMON_MYSQL_KEYSET_PAGE_H_

#include <cppconn/resultset.h>

#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/mysql/connection_pool.h"

namespace cx {

// Runs `sql` (a SELECT whose filter already restricts the keyset, e.g.
// `id > ?`) with " ORDER BY <order_by> LIMIT ?" appended, calls `read` for
// at most `limit` rows in that order and sets `*more` when further rows
// exist. Errors of `read` or the store are returned as they are.
absl::Status QueryPage(ConnectionPool& pool, const std::string& sql,
                       std::vector<SqlValue> params, int limit,
                       absl::FunctionRef<absl::Status(const sql::ResultSet&)> read,
                       bool* more, absl::string_view order_by = "id");

}  // namespace cx

#endif  // CX_COMMON_MYSQL_KEYSET_PAGE_H_
