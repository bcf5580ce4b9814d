// JWT verification and minting on libjwt (OpenSSL underneath): HS256 with a
// shared secret for local runs, RS256 with a PEM public key in production.
#ifndef CX_COMMON_AUTH_JWT_H_
#define CX_COMMON_AUTH_JWT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/auth/principal.h"

namespace cx {

enum class JwtAlgorithm { kHs256, kRs256 };

struct JwtKey {
  JwtAlgorithm algorithm = JwtAlgorithm::kHs256;
  // HS256: the shared secret (at least 32 bytes). RS256: a PEM public key for
  // verifying, a PEM private key for minting.
  std::string key;
};

// Verifies tokens against one key. Thread-safe (immutable after creation).
class JwtVerifier {
 public:
  explicit JwtVerifier(JwtKey key) : key_(std::move(key)) {}

  // The principal of a valid token. UNAUTHENTICATED when the signature, the
  // algorithm (must be the configured one), `exp` (required), `nbf`, `tenant`
  // or `roles` are wrong; the message says which, never the key.
  absl::StatusOr<Principal> Verify(absl::string_view token,
                                   absl::Time now) const;

 private:
  JwtKey key_;
};

struct TokenClaims {
  std::string tenant;
  std::string subject;
  std::vector<std::string> roles;
  absl::Time issued_at;
  absl::Duration lifetime = absl::Hours(24);
};

// A signed compact JWT with claims tenant, sub, roles, iat, exp.
absl::StatusOr<std::string> MintToken(const JwtKey& key,
                                      const TokenClaims& claims);

}  // namespace cx

#endif  // CX_COMMON_AUTH_JWT_H_
