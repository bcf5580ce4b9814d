// Per-call authentication and role checks for gRPC handlers.
#ifndef CX_COMMON_AUTH_AUTHORIZER_H_
#define CX_COMMON_AUTH_AUTHORIZER_H_

#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>

#include "absl/container/flat_hash_map.h"

#include "absl/status/statusor.h"
#include "common/auth/jwt.h"
#include "common/auth/principal.h"
#include "common/clock.h"
#include "grpcpp/server_context.h"

namespace cx {

// Thread-safe; `clock` must outlive the Authorizer. Verified tokens are
// remembered until they expire (bounded), so a client that reuses its token
// pays for signature checking and JSON parsing once, not on every call.
class Authorizer {
 public:
  Authorizer(JwtKey key, const Clock* clock)
      : verifier_(std::move(key)), clock_(clock) {}

  // The caller of `context` when its `authorization: Bearer <JWT>` is valid
  // (else UNAUTHENTICATED) and it holds one of `allowed` (else
  // PERMISSION_DENIED).
  absl::StatusOr<Principal> Authorize(const grpc::ServerContextBase& context,
                                      std::initializer_list<Role> allowed) const;

 private:
  absl::StatusOr<Principal> Verify(absl::string_view token) const;

  static constexpr size_t kMaxCachedTokens = 10000;
  JwtVerifier verifier_;
  const Clock* clock_;
  mutable std::mutex mu_;
  mutable absl::flat_hash_map<std::string, Principal> verified_;
};

}  // namespace cx

#endif  // CX_COMMON_AUTH_AUTHORIZER_H_
