// A throwaway MariaDB schema per test: `./cx test` starts a private server and
// exports CX_TEST_MYSQL_*; each TestDatabase creates a uniquely named schema
// and drops it when destroyed, so tests never see each other's rows.
#ifndef CX_TESTS_TESTING_TEST_DATABASE_H_
#define CX_TESTS_TESTING_TEST_DATABASE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/mysql/connection_pool.h"
#include "common/mysql/mysql_config.h"

namespace cx::testing {

// The test server's settings, or nullopt when CX_TEST_MYSQL_SOCKET is unset.
std::optional<MysqlConfig> TestServerConfig();

class TestDatabase {
 public:
  // A fresh schema `cxt_<prefix>_<random>`; requires TestServerConfig().
  explicit TestDatabase(const std::string& prefix);
  ~TestDatabase();

  const MysqlConfig& config() const { return config_; }
  ConnectionPool& pool() { return *pool_; }

  // The first column of the first row of `sql` (a COUNT, say) as an integer;
  // a failing or empty query fails the test and returns -1.
  int64_t QueryInt(const std::string& sql,
                   const std::vector<SqlValue>& params = {});

 private:
  MysqlConfig config_;
  std::unique_ptr<ConnectionPool> pool_;
};

}  // namespace cx::testing

// Skips the test when no test server is configured (only `./cx test` sets
// one up; it always does, so CI never skips).
#define CX_REQUIRE_TEST_DATABASE()                                       \
  do {                                                                   \
    if (!::cx::testing::TestServerConfig()) {                            \
      GTEST_SKIP() << "CX_TEST_MYSQL_SOCKET is not set; run ./cx test";  \
    }                                                                    \
  } while (0)

#endif  // CX_TESTS_TESTING_TEST_DATABASE_H_
