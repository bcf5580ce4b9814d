#include "common/mysql/keyset_page.h"

#include "absl/strings/str_cat.h"

namespace cx {

absl::Status QueryPage(ConnectionPool& pool, const std::string& sql,
                       std::vector<SqlValue> params, int limit,
                       absl::FunctionRef<absl::Status(const sql::ResultSet&)> read,
                       bool* more, absl::string_view order_by) {
  params.emplace_back(std::in_place_type<int64_t>, int64_t{limit} + 1);
  const std::string paged = absl::StrCat(sql, " ORDER BY ", order_by, " LIMIT ?");
  return pool.Run([&](Session& s) -> absl::Status {
    *more = false;
    auto rs = s.Query(paged, params);
    for (int rows = 0; rs->next(); ++rows) {
      if (rows == limit) {
        *more = true;
        break;
      }
      if (absl::Status st = read(*rs); !st.ok()) return st;
    }
    return absl::OkStatus();
  });
}

}  // namespace cx
