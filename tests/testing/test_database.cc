#include "tests/testing/test_database.h"

#include <cstdlib>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace cx::testing {

std::optional<MysqlConfig> TestServerConfig() {
  const char* socket = std::getenv("CX_TEST_MYSQL_SOCKET");
  if (socket == nullptr || *socket == '\0') return std::nullopt;
  MysqlConfig config;
  config.socket = socket;
  const char* user = std::getenv("CX_TEST_MYSQL_USER");
  const char* password = std::getenv("CX_TEST_MYSQL_PASSWORD");
  config.user = user != nullptr ? user : "root";
  config.password = password != nullptr ? password : "";
  config.pool_size = 8;
  return config;
}

TestDatabase::TestDatabase(const std::string& prefix) {
  config_ = *TestServerConfig();
  absl::BitGen gen;
  config_.database = absl::StrCat("cxt_", prefix, "_",
                                  absl::Uniform<uint32_t>(gen));
  pool_ = std::make_unique<ConnectionPool>(config_);
  EXPECT_TRUE(pool_->CreateDatabaseIfMissing().ok());
}

TestDatabase::~TestDatabase() {
  // DROP DATABASE cannot be prepared with a placeholder for the name; the
  // name is generated above from [a-z0-9_] only.
  const std::string drop = absl::StrCat("DROP DATABASE IF EXISTS `",
                                        config_.database, "`");
  (void)pool_->Run([&](Session& s) {
    s.Execute(drop, {});
    return absl::OkStatus();
  });
}

int64_t TestDatabase::QueryInt(const std::string& sql,
                               const std::vector<SqlValue>& params) {
  int64_t value = -1;
  const absl::Status status = pool_->Run([&](Session& s) {
    auto rs = s.Query(sql, params);
    if (rs->next()) {
      value = rs->getInt64(1);
    } else {
      ADD_FAILURE() << sql << " returned no row";
    }
    return absl::OkStatus();
  });
  EXPECT_TRUE(status.ok()) << sql << ": " << status;
  return value;
}

}  // namespace cx::testing
