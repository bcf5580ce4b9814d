#include "common/auth/jwt.h"

#include <jwt.h>

#include <cerrno>
#include <cstdlib>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace cx {
namespace {

struct JwtDeleter {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};
using CString = std::unique_ptr<char, FreeDeleter>;

jwt_alg_t ToLibJwt(JwtAlgorithm alg) {
  return alg == JwtAlgorithm::kRs256 ? JWT_ALG_RS256 : JWT_ALG_HS256;
}

absl::Status Unauthenticated(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("invalid token: ", why));
}

// A numeric claim, or nullopt when absent.
std::optional<long> IntClaim(jwt_t* jwt, const char* name) {
  errno = 0;
  const long value = jwt_get_grant_int(jwt, name);
  if (errno != 0) return std::nullopt;
  return value;
}

// `roles` may be a JSON array of strings or one space-separated string.
absl::StatusOr<std::set<Role>> RolesClaim(jwt_t* jwt) {
  std::vector<std::string> names;
  if (const char* s = jwt_get_grant(jwt, "roles"); s != nullptr) {
    names = absl::StrSplit(s, ' ', absl::SkipEmpty());
  } else {
    CString json(jwt_get_grants_json(jwt, "roles"));
    if (json == nullptr) return Unauthenticated("no roles claim");
    google::protobuf::ListValue list;
    if (!google::protobuf::util::JsonStringToMessage(json.get(), &list).ok()) {
      return Unauthenticated("roles must be an array of strings");
    }
    for (const auto& v : list.values()) {
      if (!v.has_string_value()) {
        return Unauthenticated("roles must be an array of strings");
      }
      names.push_back(v.string_value());
    }
  }
  std::set<Role> roles;
  for (const auto& name : names) {
    // Unknown roles are ignored: tokens may carry other systems' roles.
    if (auto role = RoleFromName(name)) roles.insert(*role);
  }
  return roles;
}

}  // namespace

absl::StatusOr<Principal> JwtVerifier::Verify(absl::string_view token,
                                              absl::Time now) const {
  if (token.empty()) return Unauthenticated("empty");
  jwt_t* raw = nullptr;
  const std::string token_str(token);
  if (jwt_decode(&raw, token_str.c_str(),
                 reinterpret_cast<const unsigned char*>(key_.key.data()),
                 static_cast<int>(key_.key.size())) != 0) {
    return Unauthenticated("malformed or bad signature");
  }
  JwtPtr jwt(raw);
  // Pin the algorithm: never let the token choose (e.g. "none", or HS256
  // keyed with an RS256 public key).
  if (jwt_get_alg(jwt.get()) != ToLibJwt(key_.algorithm)) {
    return Unauthenticated("unexpected algorithm");
  }
  const int64_t now_s = absl::ToUnixSeconds(now);
  const auto exp = IntClaim(jwt.get(), "exp");
  if (!exp.has_value()) return Unauthenticated("no exp claim");
  if (now_s >= *exp) return Unauthenticated("expired");
  if (const auto nbf = IntClaim(jwt.get(), "nbf"); nbf && now_s < *nbf) {
    return Unauthenticated("not valid yet");
  }
  Principal principal;
  principal.expire_time = absl::FromUnixSeconds(*exp);
  const char* tenant = jwt_get_grant(jwt.get(), "tenant");
  if (tenant == nullptr || !IsValidTenantId(tenant)) {
    return Unauthenticated("missing or malformed tenant claim");
  }
  principal.tenant = tenant;
  if (const char* sub = jwt_get_grant(jwt.get(), "sub"); sub != nullptr) {
    principal.subject = sub;
  }
  auto roles = RolesClaim(jwt.get());
  if (!roles.ok()) return roles.status();
  principal.roles = *std::move(roles);
  return principal;
}

absl::StatusOr<std::string> MintToken(const JwtKey& key,
                                      const TokenClaims& claims) {
  if (!IsValidTenantId(claims.tenant)) {
    return absl::InvalidArgumentError(
        absl::StrCat("tenant: '", claims.tenant,
                     "' must match [a-z0-9][a-z0-9_-]{0,63}"));
  }
  for (const auto& role : claims.roles) {
    if (!RoleFromName(role)) {
      return absl::InvalidArgumentError(absl::StrCat("unknown role: ", role));
    }
  }
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::InternalError("jwt_new failed");
  JwtPtr jwt(raw);
  google::protobuf::Struct roles_json;
  auto* list = (*roles_json.mutable_fields())["roles"].mutable_list_value();
  for (const auto& role : claims.roles) list->add_values()->set_string_value(role);
  std::string roles_str;
  (void)google::protobuf::util::MessageToJsonString(roles_json, &roles_str);
  const int64_t iat = absl::ToUnixSeconds(claims.issued_at);
  if (jwt_add_grant(jwt.get(), "tenant", claims.tenant.c_str()) != 0 ||
      jwt_add_grant(jwt.get(), "sub", claims.subject.c_str()) != 0 ||
      jwt_add_grants_json(jwt.get(), roles_str.c_str()) != 0 ||
      jwt_add_grant_int(jwt.get(), "iat", iat) != 0 ||
      jwt_add_grant_int(jwt.get(), "exp",
                        iat + absl::ToInt64Seconds(claims.lifetime)) != 0) {
    return absl::InternalError("could not set JWT claims");
  }
  if (jwt_set_alg(jwt.get(), ToLibJwt(key.algorithm),
                  reinterpret_cast<const unsigned char*>(key.key.data()),
                  static_cast<int>(key.key.size())) != 0) {
    return absl::InvalidArgumentError("signing key rejected by libjwt");
  }
  CString encoded(jwt_encode_str(jwt.get()));
  if (encoded == nullptr) {
    return absl::InvalidArgumentError("could not sign the token with that key");
  }
  return std::string(encoded.get());
}

}  // namespace cx
