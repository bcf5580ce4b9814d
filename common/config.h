// Process configuration shared by every cxp binary. Each setting is a flag
// whose default comes from an environment variable (CX_*), so precedence is
// flag > environment > built-in default. Validated once at start-up: a bad
// setting stops the process with a message naming it.
#ifndef CX_COMMON_CONFIG_H_
#define CX_COMMON_CONFIG_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/jwt.h"
#include "common/mysql/mysql_config.h"

namespace cx {

struct ServerConfig {
  // host:port to listen on; port 0 picks a free port (see port_file).
  std::string listen;
  // When set, the bound port is written here once serving (for scripts/tests).
  std::string port_file;
  MysqlConfig mysql;
  JwtKey jwt;
  // Apply pending migrations at start-up.
  bool migrate = true;
  // How long in-flight calls may finish after SIGTERM/SIGINT.
  absl::Duration shutdown_grace;
};

// Reads and validates the flags. `default_database` is the service's schema
// unless --mysql_database / CX_MYSQL_DATABASE says otherwise.
absl::StatusOr<ServerConfig> LoadServerConfig(absl::string_view default_database);

// Just the database settings (for cxctl).
absl::StatusOr<MysqlConfig> LoadMysqlConfig(absl::string_view default_database);

// The environment variable `name`, or `fallback` when unset (flag defaults).
std::string EnvOr(const char* name, const char* fallback);

// Just the signing/verifying key (for cxctl token).
absl::StatusOr<JwtKey> LoadJwtKey();

}  // namespace cx

#endif  // CX_COMMON_CONFIG_H_
