// Tokens signed with a fixed test secret.
#ifndef CX_TESTS_TESTING_TEST_TOKENS_H_
#define CX_TESTS_TESTING_TEST_TOKENS_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/auth/jwt.h"

namespace cx::testing {

inline constexpr char kTestSecret[] = "test-secret-0123456789abcdef0123456789";

JwtKey TestKey();

// An HS256 token for `tenant` with `roles`, issued at `now`, valid 1 h.
std::string TestToken(const std::string& tenant,
                      const std::vector<std::string>& roles, absl::Time now,
                      absl::Duration lifetime = absl::Hours(1));

}  // namespace cx::testing

#endif  // CX_TESTS_TESTING_TEST_TOKENS_H_
