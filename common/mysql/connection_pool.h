// A bounded pool of MySQL connections with transactions, deadlock retry and
// recovery after a server restart. The only place in cxp that catches
// sql::SQLException.
#ifndef CX_COMMON_MYSQL_CONNECTION_POOL_H_
#define CX_COMMON_MYSQL_CONNECTION_POOL_H_

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "common/mysql/mysql_config.h"
#include "common/mysql/native_session.h"
#include "common/mysql/session.h"

namespace cx {

// Thread-safe.
class ConnectionPool {
 public:
  explicit ConnectionPool(MysqlConfig config);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Runs `work` in one transaction and commits when it returns OK; any error
  // status or exception rolls back. Deadlocks and lock-wait timeouts are
  // retried (3 attempts in all). SQL errors become statuses: duplicate key ->
  // ALREADY_EXISTS, server unreachable or connection lost -> UNAVAILABLE (with
  // RetryInfo; every pooled connection is dropped so the next call reconnects),
  // pool exhausted -> RESOURCE_EXHAUSTED, anything else -> INTERNAL.
  // A commit whose outcome is unknown (connection lost during COMMIT) is
  // reported UNAVAILABLE: callers make retries safe with request ids.
  absl::Status Transact(absl::FunctionRef<absl::Status(Session&)> work);

  // As Transact, on a connection driven through libmariadb's C API (see
  // native_session.h): for the write path that runs most often. Such
  // connections count against the same pool size.
  absl::Status TransactNative(
      absl::FunctionRef<absl::Status(NativeSession&)> work);

  // Runs `work` in autocommit mode (single statements, reads). Same error
  // mapping as Transact, without retries.
  absl::Status Run(absl::FunctionRef<absl::Status(Session&)> work);

  // OK when the server answers `SELECT 1`.
  absl::Status Ping();

  // CREATE DATABASE IF NOT EXISTS for the configured schema, over a connection
  // that does not select it.
  absl::Status CreateDatabaseIfMissing();

  const MysqlConfig& config() const { return config_; }

 private:
  // S is Session or NativeSession.
  template <typename S>
  absl::Status TransactWith(absl::FunctionRef<absl::Status(S&)> work);
  template <typename S>
  absl::Status Attempt(bool transactional,
                       absl::FunctionRef<absl::Status(S&)> work,
                       bool* retryable);
  template <typename S>
  absl::Status Acquire(std::unique_ptr<S>* session, uint64_t* generation);
  template <typename S>
  void Release(std::unique_ptr<S> session, uint64_t generation);
  std::vector<std::unique_ptr<Session>>& IdleOf(Session*) { return idle_; }
  std::vector<std::unique_ptr<NativeSession>>& IdleOf(NativeSession*) {
    return idle_native_;
  }
  void DropAll();
  std::unique_ptr<Session> Connect(bool with_schema);

  const MysqlConfig config_;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Session>> idle_;
  std::vector<std::unique_ptr<NativeSession>> idle_native_;
  int open_ = 0;
  uint64_t generation_ = 0;
};

}  // namespace cx

#endif  // CX_COMMON_MYSQL_CONNECTION_POOL_H_
