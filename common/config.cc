#include "common/config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace cx {

std::string EnvOr(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : fallback;
}

}  // namespace cx

namespace {

using cx::EnvOr;

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::atoi(v) : fallback;
}

}  // namespace

ABSL_FLAG(std::string, listen, EnvOr("CX_LISTEN", "127.0.0.1:0"),
          "host:port to serve on (env CX_LISTEN); port 0 picks a free one");
ABSL_FLAG(std::string, port_file, EnvOr("CX_PORT_FILE", ""),
          "write the bound port to this file once serving (env CX_PORT_FILE)");
ABSL_FLAG(std::string, mysql_host, EnvOr("CX_MYSQL_HOST", "127.0.0.1"),
          "MySQL host (env CX_MYSQL_HOST)");
ABSL_FLAG(int, mysql_port, EnvInt("CX_MYSQL_PORT", 3306),
          "MySQL port (env CX_MYSQL_PORT)");
ABSL_FLAG(std::string, mysql_socket, EnvOr("CX_MYSQL_SOCKET", ""),
          "MySQL unix socket; overrides host/port (env CX_MYSQL_SOCKET)");
ABSL_FLAG(std::string, mysql_user, EnvOr("CX_MYSQL_USER", "root"),
          "MySQL user (env CX_MYSQL_USER)");
ABSL_FLAG(std::string, mysql_password, EnvOr("CX_MYSQL_PASSWORD", ""),
          "MySQL password; prefer the environment variable CX_MYSQL_PASSWORD");
ABSL_FLAG(std::string, mysql_database, EnvOr("CX_MYSQL_DATABASE", ""),
          "schema name; defaults to the service's own (env CX_MYSQL_DATABASE)");
ABSL_FLAG(int, mysql_pool_size, EnvInt("CX_MYSQL_POOL_SIZE", 16),
          "maximum open MySQL connections (env CX_MYSQL_POOL_SIZE)");
ABSL_FLAG(std::string, jwt_alg, EnvOr("CX_JWT_ALG", "HS256"),
          "HS256 or RS256 (env CX_JWT_ALG)");
ABSL_FLAG(std::string, jwt_secret, EnvOr("CX_JWT_SECRET", ""),
          "HS256 shared secret, at least 32 bytes (env CX_JWT_SECRET)");
ABSL_FLAG(std::string, jwt_key_file, EnvOr("CX_JWT_KEY_FILE", ""),
          "RS256: PEM public key to verify (services) or private key to sign "
          "(cxctl token) (env CX_JWT_KEY_FILE)");
ABSL_FLAG(bool, migrate, EnvOr("CX_MIGRATE", "true") != "false",
          "apply pending migrations at start-up (env CX_MIGRATE)");
ABSL_FLAG(int, shutdown_grace_seconds, EnvInt("CX_SHUTDOWN_GRACE_SECONDS", 10),
          "seconds in-flight calls get to finish on SIGTERM");

namespace cx {

absl::StatusOr<MysqlConfig> LoadMysqlConfig(absl::string_view default_database) {
  MysqlConfig mysql;
  mysql.host = absl::GetFlag(FLAGS_mysql_host);
  mysql.port = absl::GetFlag(FLAGS_mysql_port);
  mysql.socket = absl::GetFlag(FLAGS_mysql_socket);
  mysql.user = absl::GetFlag(FLAGS_mysql_user);
  mysql.password = absl::GetFlag(FLAGS_mysql_password);
  mysql.database = absl::GetFlag(FLAGS_mysql_database);
  if (mysql.database.empty()) mysql.database = std::string(default_database);
  mysql.pool_size = absl::GetFlag(FLAGS_mysql_pool_size);
  if (mysql.port < 1 || mysql.port > 65535) {
    return absl::InvalidArgumentError("--mysql_port must be in 1..65535");
  }
  if (mysql.pool_size < 1 || mysql.pool_size > 512) {
    return absl::InvalidArgumentError("--mysql_pool_size must be in 1..512");
  }
  if (mysql.user.empty()) {
    return absl::InvalidArgumentError("--mysql_user must not be empty");
  }
  return mysql;
}

absl::StatusOr<JwtKey> LoadJwtKey() {
  JwtKey key;
  const std::string alg = absl::GetFlag(FLAGS_jwt_alg);
  if (alg == "HS256") {
    key.algorithm = JwtAlgorithm::kHs256;
    key.key = absl::GetFlag(FLAGS_jwt_secret);
    if (key.key.size() < 32) {
      return absl::InvalidArgumentError(
          "--jwt_secret (CX_JWT_SECRET) must be at least 32 bytes for HS256");
    }
  } else if (alg == "RS256") {
    key.algorithm = JwtAlgorithm::kRs256;
    const std::string path = absl::GetFlag(FLAGS_jwt_key_file);
    std::ifstream in(path);
    std::stringstream pem;
    pem << in.rdbuf();
    key.key = pem.str();
    if (path.empty() || key.key.find("-----BEGIN") == std::string::npos) {
      return absl::InvalidArgumentError(
          "--jwt_key_file (CX_JWT_KEY_FILE) must name a readable PEM key for "
          "RS256");
    }
  } else {
    return absl::InvalidArgumentError("--jwt_alg must be HS256 or RS256");
  }
  return key;
}

absl::StatusOr<ServerConfig> LoadServerConfig(
    absl::string_view default_database) {
  ServerConfig config;
  config.listen = absl::GetFlag(FLAGS_listen);
  if (config.listen.find(':') == std::string::npos) {
    return absl::InvalidArgumentError("--listen must be host:port");
  }
  config.port_file = absl::GetFlag(FLAGS_port_file);
  auto mysql = LoadMysqlConfig(default_database);
  if (!mysql.ok()) return mysql.status();
  config.mysql = *std::move(mysql);
  auto jwt = LoadJwtKey();
  if (!jwt.ok()) return jwt.status();
  config.jwt = *std::move(jwt);
  config.migrate = absl::GetFlag(FLAGS_migrate);
  const int grace = absl::GetFlag(FLAGS_shutdown_grace_seconds);
  if (grace < 0 || grace > 600) {
    return absl::InvalidArgumentError(
        "--shutdown_grace_seconds must be in 0..600");
  }
  config.shutdown_grace = absl::Seconds(grace);
  return config;
}

}  // namespace cx
