#ifndef CX_COMMON_MYSQL_MYSQL_CONFIG_H_
#define CX_COMMON_MYSQL_MYSQL_CONFIG_H_

#include <string>

namespace cx {

struct MysqlConfig {
  std::string host = "127.0.0.1";
  int port = 3306;
  // When set, connect over this unix socket instead of host:port.
  std::string socket;
  std::string user = "root";
  std::string password;
  // The service's own schema; created by migrations when missing.
  std::string database;
  // Connections kept open at most; callers beyond it wait.
  int pool_size = 16;
  int connect_timeout_seconds = 3;
  // Bounds how long a call can hang on a dead server.
  int read_timeout_seconds = 30;
  // How long a call waits for a free connection before RESOURCE_EXHAUSTED.
  int acquire_timeout_ms = 2000;
};

}  // namespace cx

#endif  // CX_COMMON_MYSQL_MYSQL_CONFIG_H_
