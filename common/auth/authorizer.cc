#include "common/auth/authorizer.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"

namespace cx {

absl::StatusOr<Principal> Authorizer::Verify(absl::string_view token) const {
  const absl::Time now = clock_->Now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = verified_.find(token);
    if (it != verified_.end()) {
      if (now < it->second.expire_time) return it->second;
      verified_.erase(it);
    }
  }
  // Only valid tokens are remembered: a flood of junk cannot fill the cache
  // with entries that each cost a verification anyway.
  auto principal = verifier_.Verify(token, now);
  if (principal.ok()) {
    std::lock_guard<std::mutex> lock(mu_);
    if (verified_.size() >= kMaxCachedTokens) verified_.clear();
    verified_.emplace(std::string(token), *principal);
  }
  return principal;
}

absl::StatusOr<Principal> Authorizer::Authorize(
    const grpc::ServerContextBase& context,
    std::initializer_list<Role> allowed) const {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return WithReason(absl::UnauthenticatedError(
                          "missing 'authorization: Bearer <token>' metadata"),
                      "MISSING_CREDENTIALS");
  }
  absl::string_view value(it->second.data(), it->second.size());
  constexpr absl::string_view kBearer = "Bearer ";
  if (!absl::StartsWithIgnoreCase(value, kBearer)) {
    return WithReason(
        absl::UnauthenticatedError("authorization must be 'Bearer <token>'"),
        "MISSING_CREDENTIALS");
  }
  value.remove_prefix(kBearer.size());
  auto principal = Verify(value);
  if (!principal.ok()) {
    return WithReason(principal.status(), "INVALID_TOKEN");
  }
  if (!principal->HasAnyRole(allowed)) {
    std::vector<absl::string_view> names;
    for (Role r : allowed) names.push_back(RoleName(r));
    return WithReason(
        absl::PermissionDeniedError(absl::StrCat(
            "this method needs one of the roles: ", absl::StrJoin(names, ", "))),
        "MISSING_ROLE");
  }
  return principal;
}

}  // namespace cx
