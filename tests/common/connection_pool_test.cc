// ConnectionPool against the real test MariaDB.
#include "common/mysql/connection_pool.h"

#include <thread>

#include "common/status/errors.h"
#include "gtest/gtest.h"
#include "tests/testing/test_database.h"

namespace cx {
namespace {

class ConnectionPoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CX_REQUIRE_TEST_DATABASE();
    db_ = std::make_unique<testing::TestDatabase>("pool");
    ASSERT_TRUE(db_->pool()
                    .Run([](Session& s) {
                      s.Execute(
                          "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))",
                          {});
                      return absl::OkStatus();
                    })
                    .ok());
  }
  int64_t Count() { return db_->QueryInt("SELECT COUNT(*) FROM t"); }
  std::unique_ptr<testing::TestDatabase> db_;
};

TEST_F(ConnectionPoolTest, CommitsWhenWorkSucceeds) {
  ASSERT_TRUE(db_->pool()
                  .Transact([](Session& s) {
                    s.ExecuteArgs("INSERT INTO t VALUES (?, ?)", 1, "a");
                    s.ExecuteArgs("INSERT INTO t VALUES (?, ?)", 2, "b");
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(Count(), 2);
}

TEST_F(ConnectionPoolTest, RollsBackOnErrorStatus) {
  const absl::Status s = db_->pool().Transact([](Session& s) {
    s.ExecuteArgs("INSERT INTO t VALUES (?, ?)", 1, "a");
    return absl::FailedPreconditionError("domain says no");
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count(), 0);
}

TEST_F(ConnectionPoolTest, DuplicateKeyIsAlreadyExistsAndRollsBack) {
  const absl::Status s = db_->pool().Transact([](Session& s) {
    s.ExecuteArgs("INSERT INTO t VALUES (?, ?)", 1, "a");
    s.ExecuteArgs("INSERT INTO t VALUES (?, ?)", 1, "dup");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(s), "DUPLICATE_KEY");
  EXPECT_EQ(Count(), 0);
}

TEST_F(ConnectionPoolTest, SqlErrorsAreInternalAndPoolStaysUsable) {
  const absl::Status s = db_->pool().Run([](Session& s) {
    s.QueryArgs("SELECT no_such_column FROM t");
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(Count(), 0);
}

TEST_F(ConnectionPoolTest, ParametersAreBoundNotSpliced) {
  const std::string hostile = "x'); DROP TABLE t; --";
  ASSERT_TRUE(db_->pool()
                  .Transact([&](Session& s) {
                    s.ExecuteArgs("INSERT INTO t VALUES (?, ?)", 1,
                                  hostile.substr(0, 20));
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(Count(), 1);
}

TEST_F(ConnectionPoolTest, AReusedStatementNeverKeepsAnEarlierValue) {
  const absl::Status s = db_->pool().Transact([](Session& s) {
    s.ExecuteArgs("INSERT INTO t VALUES (?, ?)", 1, "a");
    // The same statement again with a parameter missing: refused, not run
    // with the first execution's "a".
    s.ExecuteArgs("INSERT INTO t VALUES (?, ?)", 2);
    return absl::OkStatus();
  });
  EXPECT_EQ(s.code(), absl::StatusCode::kInternal);
  EXPECT_EQ(Count(), 0);  // rolled back
}

TEST_F(ConnectionPoolTest, ABoundStatementRunsWhenExecuted) {
  int64_t before = -1, after = -1;
  ASSERT_TRUE(db_->pool()
                  .Transact([&](Session& s) {
                    Session::Bound bound =
                        s.Bind("INSERT INTO t VALUES (?, ?)", {1, "a"});
                    auto count = [&] {
                      auto rs = s.QueryArgs("SELECT COUNT(*) AS n FROM t");
                      rs->next();
                      return rs->getInt64("n");
                    };
                    before = count();
                    EXPECT_EQ(bound.Execute(), 1);
                    after = count();
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(before, 0);
  EXPECT_EQ(after, 1);
  EXPECT_EQ(Count(), 1);
}

// Parameters are sent as bytes (character_set_client = binary): a utf8mb4
// column must still count characters, refuse what is not UTF-8, and give back
// exactly what was stored.
TEST_F(ConnectionPoolTest, TextParametersAreCheckedAgainstTheirColumn) {
  ASSERT_TRUE(db_->pool()
                  .Run([](Session& s) {
                    s.Execute(
                        "CREATE TABLE u (id INT PRIMARY KEY, "
                        "v VARCHAR(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin)",
                        {});
                    return absl::OkStatus();
                  })
                  .ok());
  auto insert = [&](int id, const std::string& v) {
    return db_->pool().Transact([&](Session& s) {
      s.ExecuteArgs("INSERT INTO u VALUES (?, ?)", id, v);
      return absl::OkStatus();
    });
  };
  // Five characters in seven bytes fit VARCHAR(5).
  const std::string five = "\xC3\x85sa \xC3\x9F";  // "Åsa ß"
  ASSERT_TRUE(insert(1, five).ok());
  EXPECT_FALSE(insert(2, five + "x").ok());  // six characters
  EXPECT_FALSE(insert(3, "\xFF\xFE").ok());  // not UTF-8
  EXPECT_EQ(db_->QueryInt("SELECT COUNT(*) FROM u"), 1);
  EXPECT_EQ(db_->QueryInt("SELECT CHAR_LENGTH(v) FROM u"), 5);

  std::string found;
  ASSERT_TRUE(db_->pool()
                  .Run([&](Session& s) {
                    auto rs = s.QueryArgs("SELECT v FROM u WHERE v = ?", five);
                    if (rs->next()) found = GetBytes(*rs, "v");
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(found, five);
}

TEST_F(ConnectionPoolTest, ExhaustedPoolIsResourceExhausted) {
  MysqlConfig config = db_->config();
  config.pool_size = 1;
  config.acquire_timeout_ms = 100;
  ConnectionPool pool(config);
  std::atomic<bool> holding{false}, release{false};
  std::thread holder([&] {
    (void)pool.Run([&](Session&) {
      holding = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      return absl::OkStatus();
    });
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(pool.Ping().code(), absl::StatusCode::kResourceExhausted);
  release = true;
  holder.join();
  EXPECT_TRUE(pool.Ping().ok());
}

TEST_F(ConnectionPoolTest, DeadlocksAreRetried) {
  ASSERT_TRUE(db_->pool()
                  .Run([](Session& s) {
                    s.Execute("INSERT INTO t VALUES (1, 'a'), (2, 'b')", {});
                    return absl::OkStatus();
                  })
                  .ok());
  // Two transactions lock rows 1 and 2 in opposite orders; InnoDB kills one
  // with a deadlock, which the pool retries, so both finally commit.
  std::atomic<int> attempts{0};
  auto worker = [&](int first, int second) {
    return db_->pool().Transact([&, first, second](Session& s) {
      ++attempts;
      s.ExecuteArgs("UPDATE t SET v = CONCAT(v, 'x') WHERE id = ?", first);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      s.ExecuteArgs("UPDATE t SET v = CONCAT(v, 'x') WHERE id = ?", second);
      return absl::OkStatus();
    });
  };
  absl::Status a, b;
  std::thread ta([&] { a = worker(1, 2); });
  std::thread tb([&] { b = worker(2, 1); });
  ta.join();
  tb.join();
  EXPECT_TRUE(a.ok()) << a;
  EXPECT_TRUE(b.ok()) << b;
  EXPECT_GE(attempts.load(), 3);  // one of them ran twice
  std::string v1, v2;
  ASSERT_TRUE(db_->pool()
                  .Run([&](Session& s) {
                    auto rs = s.QueryArgs("SELECT id, v FROM t ORDER BY id");
                    rs->next();
                    v1 = rs->getString("v").asStdString();
                    rs->next();
                    v2 = rs->getString("v").asStdString();
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_EQ(v1, "axx");
  EXPECT_EQ(v2, "bxx");
}

TEST(ConnectionPoolNoServerTest, UnreachableServerIsUnavailable) {
  MysqlConfig config;
  config.socket = "/nonexistent/mysqld.sock";
  config.database = "nothing";
  config.connect_timeout_seconds = 1;
  ConnectionPool pool(config);
  const absl::Status s = pool.Ping();
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(s.GetPayload(PayloadKey<google::rpc::RetryInfo>()).has_value());
}

}  // namespace
}  // namespace cx
