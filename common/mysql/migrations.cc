#include "common/mysql/migrations.h"

#include <cppconn/exception.h>
#include <cppconn/statement.h>

#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/hash.h"
#include "common/log.h"
#include "common/status/errors.h"

namespace cx {

std::vector<std::string> SplitSqlStatements(const std::string& sql) {
  std::vector<std::string> statements;
  std::string current;
  for (absl::string_view line : absl::StrSplit(sql, '\n')) {
    const absl::string_view trimmed = absl::StripAsciiWhitespace(line);
    if (trimmed.empty() || absl::StartsWith(trimmed, "--")) continue;
    absl::StrAppend(&current, line, "\n");
    if (absl::EndsWith(trimmed, ";")) {
      statements.push_back(current);
      current.clear();
    }
  }
  if (!absl::StripAsciiWhitespace(current).empty()) {
    statements.push_back(current);
  }
  return statements;
}

namespace {

absl::Status ApplyPending(Session& s, const std::string& database,
                          const std::vector<Migration>& migrations,
                          std::vector<int>* applied_now) {
  std::map<int, uint64_t> applied;
  auto rows = s.QueryArgs("SELECT version, checksum FROM schema_migrations");
  while (rows->next()) {
    applied[rows->getInt("version")] = rows->getUInt64("checksum");
  }
  const int newest_known = migrations.empty() ? 0 : migrations.back().version;
  if (!applied.empty() && applied.rbegin()->first > newest_known) {
    return FailedPrecondition(
        "SCHEMA_NEWER_THAN_BINARY", database,
        absl::StrCat("schema is at version ", applied.rbegin()->first,
                     " but this binary knows up to ", newest_known));
  }
  for (const Migration& m : migrations) {
    const uint64_t checksum = Fnv1a64(m.sql);
    if (auto it = applied.find(m.version); it != applied.end()) {
      if (it->second != checksum) {
        return FailedPrecondition(
            "MIGRATION_CHANGED", absl::StrCat(m.version, "_", m.name),
            "an applied migration was edited; add a new migration instead");
      }
      continue;
    }
    // DDL commits implicitly in MySQL, so a migration is not atomic; each is
    // written to be re-runnable (IF NOT EXISTS) in case it half-applied.
    std::unique_ptr<sql::Statement> stmt(s.connection().createStatement());
    for (const std::string& statement : SplitSqlStatements(m.sql)) {
      stmt->execute(statement);
    }
    s.ExecuteArgs(
        "INSERT INTO schema_migrations (version, name, checksum) "
        "VALUES (?, ?, ?)",
        m.version, m.name, checksum);
    applied_now->push_back(m.version);
    LogInfo("migration applied", {{"schema", database},
                                  {"version", absl::StrCat(m.version)},
                                  {"name", m.name}});
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<int>> ApplyMigrations(
    ConnectionPool& pool, const std::vector<Migration>& migrations) {
  if (absl::Status s = pool.CreateDatabaseIfMissing(); !s.ok()) return s;
  std::vector<int> applied_now;
  absl::Status status = pool.Run([&](Session& s) -> absl::Status {
    s.ExecuteArgs(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INT NOT NULL PRIMARY KEY,"
        " name VARCHAR(200) NOT NULL,"
        " checksum BIGINT UNSIGNED NOT NULL,"
        " applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
        ") ENGINE=InnoDB");
    const std::string lock_name =
        absl::StrCat("cx_migrate_", pool.config().database);
    auto locked = s.QueryArgs("SELECT GET_LOCK(?, 60) AS ok", lock_name);
    if (!locked->next() || locked->getInt("ok") != 1) {
      return Unavailable("another process holds the migration lock",
                         absl::Seconds(5));
    }
    // The named lock belongs to this pooled connection: release it on every
    // path, including a failing statement, before the error propagates.
    try {
      absl::Status result = ApplyPending(s, pool.config().database,
                                         migrations, &applied_now);
      s.QueryArgs("SELECT RELEASE_LOCK(?)", lock_name);
      return result;
    } catch (const sql::SQLException&) {
      s.QueryArgs("SELECT RELEASE_LOCK(?)", lock_name);
      throw;
    }
  });
  if (!status.ok()) return status;
  return applied_now;
}

}  // namespace cx
