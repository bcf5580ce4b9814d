// Versioned SQL migrations, applied in order and recorded in
// `schema_migrations`. Each service embeds its `migrations/NNNN_name.sql` files
// at build time (cmake/EmbedMigrations.cmake), so a binary always carries the
// schema it expects.
#ifndef CX_COMMON_MYSQL_MIGRATIONS_H_
#define CX_COMMON_MYSQL_MIGRATIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/mysql/connection_pool.h"

namespace cx {

struct Migration {
  int version;
  std::string name;
  // Statements separated by a ';' that ends a line.
  std::string sql;
};

// Creates the schema if missing, then applies the migrations not yet recorded,
// under a named lock so concurrent starters do not race. Returns the versions
// applied now. FAILED_PRECONDITION when an applied migration's text changed
// since (migrations are append-only), or the schema is newer than the binary.
absl::StatusOr<std::vector<int>> ApplyMigrations(
    ConnectionPool& pool, const std::vector<Migration>& migrations);

// Splits a migration into statements (exposed for tests).
std::vector<std::string> SplitSqlStatements(const std::string& sql);

}  // namespace cx

#endif  // CX_COMMON_MYSQL_MIGRATIONS_H_
