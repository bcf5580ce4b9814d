// NativeSession (libmariadb's C API) through ConnectionPool::TransactNative,
// against the real test MariaDB: every kind of SqlValue stores what the
// Connector/C++ Session would, and errors map the same way.
#include "common/mysql/native_session.h"

#include "common/mysql/connection_pool.h"
#include "common/mysql/sql_time.h"
#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "tests/testing/test_database.h"

namespace cx {
namespace {

class NativeSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CX_REQUIRE_TEST_DATABASE();
    db_ = std::make_unique<testing::TestDatabase>("native");
    ASSERT_TRUE(db_->pool()
                    .Run([](Session& s) {
                      s.Execute(
                          "CREATE TABLE v (id BIGINT PRIMARY KEY, u BIGINT "
                          "UNSIGNED NULL, d DOUBLE NULL, b BOOL NULL, "
                          "s VARCHAR(20) CHARACTER SET utf8mb4 NULL, "
                          "body MEDIUMBLOB NULL, t DATETIME(6) NULL)",
                          {});
                      return absl::OkStatus();
                    })
                    .ok());
  }
  // Column `column` of row `id` as the server formats it (NULL as "NULL").
  std::string Stored(int id, const std::string& column) {
    std::string found = "missing";
    EXPECT_TRUE(db_->pool()
                    .Run([&](Session& s) {
                      auto rs = s.QueryArgs(
                          "SELECT COALESCE(CAST(" + column +
                              " AS CHAR), 'NULL') AS c FROM v WHERE id = ?",
                          id);
                      if (rs->next()) found = GetBytes(*rs, "c");
                      return absl::OkStatus();
                    })
                    .ok());
    return found;
  }
  std::unique_ptr<testing::TestDatabase> db_;
};

TEST_F(NativeSessionTest, StoresEveryKindOfValueAsSessionDoes) {
  const std::string bytes("a\0b\xff", 4);  // a BLOB with a zero byte
  const std::string text = "\xC3\x85sa";   // "Åsa"
  const absl::Time t = absl::FromUnixMicros(1'763'856'000'123'456);
  ASSERT_TRUE(db_->pool()
                  .TransactNative([&](NativeSession& s) {
                    EXPECT_EQ(s.Execute("INSERT INTO v VALUES (?, ?, ?, ?, ?, "
                                        "?, ?)",
                                        {int64_t{1},
                                         uint64_t{18'446'744'073'709'551'615u},
                                         2.5, true, Borrow(text), bytes,
                                         SqlDatetime{t}}),
                              1);
                    s.ExecuteArgs("INSERT INTO v (id, u, s) VALUES (?, ?, ?)",
                                  2, SqlNull{}, "");
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(Stored(1, "u"), "18446744073709551615");
  EXPECT_EQ(Stored(1, "d"), "2.5");
  EXPECT_EQ(Stored(1, "b"), "1");
  EXPECT_EQ(Stored(1, "s"), text);
  EXPECT_EQ(Stored(1, "HEX(body)"), "610062FF");
  EXPECT_EQ(Stored(1, "t"), ToSqlDatetime(t));  // microseconds kept
  EXPECT_EQ(Stored(2, "u"), "NULL");
  EXPECT_EQ(Stored(2, "s"), "");
}

TEST_F(NativeSessionTest, QueryReturnsRowsOfBytes) {
  const std::string body(70'000, 'x');  // longer than any first fetch buffer
  std::vector<std::vector<std::string>> rows;
  ASSERT_TRUE(db_->pool()
                  .TransactNative([&](NativeSession& s) {
                    s.ExecuteArgs("INSERT INTO v (id, s, body) VALUES (?, ?, ?)",
                                  1, "one", body);
                    s.ExecuteArgs("INSERT INTO v (id, s) VALUES (?, ?)", 2,
                                  "two");
                    // Its own uncommitted rows are visible to the transaction.
                    rows = s.Query("SELECT s, body FROM v WHERE id >= ? "
                                   "ORDER BY id",
                                   {int64_t{1}});
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"one", body}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"two", ""}));  // NULL body
}

TEST_F(NativeSessionTest, ErrorsMapAsForSessionAndRollBack) {
  const absl::Status duplicate =
      db_->pool().TransactNative([](NativeSession& s) {
        s.ExecuteArgs("INSERT INTO v (id) VALUES (?)", 1);
        s.ExecuteArgs("INSERT INTO v (id) VALUES (?)", 1);
        return absl::OkStatus();
      });
  EXPECT_EQ(duplicate.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(duplicate), "DUPLICATE_KEY");

  const absl::Status too_long =
      db_->pool().TransactNative([](NativeSession& s) {
        s.ExecuteArgs("INSERT INTO v (id) VALUES (?)", 2);
        // Strict mode: 21 characters refused, not truncated.
        s.ExecuteArgs("INSERT INTO v (id, s) VALUES (?, ?)", 3,
                      std::string(21, 'x'));
        return absl::OkStatus();
      });
  EXPECT_EQ(too_long.code(), absl::StatusCode::kInternal);

  const absl::Status short_list =
      db_->pool().TransactNative([](NativeSession& s) {
        s.ExecuteArgs("INSERT INTO v (id, s) VALUES (?, ?)", 4, "a");
        s.ExecuteArgs("INSERT INTO v (id, s) VALUES (?, ?)", 5);
        return absl::OkStatus();
      });
  EXPECT_EQ(short_list.code(), absl::StatusCode::kInternal);

  EXPECT_EQ(db_->QueryInt("SELECT COUNT(*) FROM v"), 0);  // all rolled back
  EXPECT_TRUE(db_->pool()
                  .TransactNative([](NativeSession& s) {
                    s.ExecuteArgs("INSERT INTO v (id) VALUES (?)", 6);
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(db_->QueryInt("SELECT COUNT(*) FROM v"), 1);
}

TEST(NativeSessionNoServerTest, UnreachableServerIsUnavailable) {
  MysqlConfig config;
  config.socket = "/nonexistent/mysqld.sock";
  config.database = "nothing";
  config.connect_timeout_seconds = 1;
  ConnectionPool pool(config);
  const absl::Status s =
      pool.TransactNative([](NativeSession&) { return absl::OkStatus(); });
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace cx
