#include "tests/testing/test_tokens.h"

#include <cstdlib>

namespace cx::testing {

JwtKey TestKey() { return JwtKey{JwtAlgorithm::kHs256, kTestSecret}; }

std::string TestToken(const std::string& tenant,
                      const std::vector<std::string>& roles, absl::Time now,
                      absl::Duration lifetime) {
  TokenClaims claims;
  claims.tenant = tenant;
  claims.subject = "test-user";
  claims.roles = roles;
  claims.issued_at = now;
  claims.lifetime = lifetime;
  auto token = MintToken(TestKey(), claims);
  if (!token.ok()) std::abort();
  return *token;
}

}  // namespace cx::testing
