#include "common/mysql/migrations.h"

#include "gtest/gtest.h"
#include "tests/testing/test_database.h"

namespace cx {
namespace {

TEST(SplitSqlStatementsTest, SplitsOnLineEndingSemicolonsAndSkipsComments) {
  const auto statements = SplitSqlStatements(
      "-- comment\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (\n  y "
      "VARCHAR(3) DEFAULT ';'\n);\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_NE(statements[1].find("DEFAULT ';'"), std::string::npos);
}

std::vector<Migration> Initial() {
  return {{1, "a", "CREATE TABLE IF NOT EXISTS a (x INT PRIMARY KEY);"},
          {2, "b", "CREATE TABLE IF NOT EXISTS b (y INT PRIMARY KEY);\n"
                   "INSERT INTO b VALUES (1);"}};
}

TEST(MigrationsTest, AppliesOnceAndRecordsVersions) {
  CX_REQUIRE_TEST_DATABASE();
  testing::TestDatabase db("mig");
  auto first = ApplyMigrations(db.pool(), Initial());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(*first, (std::vector<int>{1, 2}));
  auto again = ApplyMigrations(db.pool(), Initial());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->empty());
  auto more = Initial();
  more.push_back({3, "c", "CREATE TABLE IF NOT EXISTS c (z INT PRIMARY KEY);"});
  EXPECT_EQ(*ApplyMigrations(db.pool(), more), std::vector<int>{3});
}

TEST(MigrationsTest, EditedAppliedMigrationIsRefused) {
  CX_REQUIRE_TEST_DATABASE();
  testing::TestDatabase db("mig");
  ASSERT_TRUE(ApplyMigrations(db.pool(), Initial()).ok());
  auto edited = Initial();
  edited[0].sql = "CREATE TABLE IF NOT EXISTS a (x BIGINT PRIMARY KEY);";
  EXPECT_EQ(ApplyMigrations(db.pool(), edited).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(MigrationsTest, SchemaNewerThanBinaryIsRefused) {
  CX_REQUIRE_TEST_DATABASE();
  testing::TestDatabase db("mig");
  ASSERT_TRUE(ApplyMigrations(db.pool(), Initial()).ok());
  auto older = Initial();
  older.pop_back();
  EXPECT_EQ(ApplyMigrations(db.pool(), older).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(MigrationsTest, FailingStatementReleasesTheLock) {
  CX_REQUIRE_TEST_DATABASE();
  testing::TestDatabase db("mig");
  std::vector<Migration> broken = {{1, "bad", "CREATE TABLE oops (;"}};
  EXPECT_FALSE(ApplyMigrations(db.pool(), broken).ok());
  // A second run must not wait 60 s for a lock held by the failed one.
  auto ok = ApplyMigrations(db.pool(), Initial());
  EXPECT_TRUE(ok.ok()) << ok.status();
}

}  // namespace
}  // namespace cx
