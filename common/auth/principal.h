// Who is calling: the tenant, subject and roles taken from a verified token.
#ifndef CX_COMMON_AUTH_PRINCIPAL_H_
#define CX_COMMON_AUTH_PRINCIPAL_H_

#include <initializer_list>
#include <optional>
#include <set>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace cx {

enum class Role { kAdmin, kAnalyst, kAgent, kIngest, kEmployee };

// "admin" -> kAdmin ...; nullopt for names cxp does not know.
std::optional<Role> RoleFromName(absl::string_view name);
absl::string_view RoleName(Role role);

struct Principal {
  std::string tenant;
  std::string subject;
  std::set<Role> roles;
  // When the credential stops being valid.
  absl::Time expire_time = absl::InfiniteFuture();

  bool HasAnyRole(std::initializer_list<Role> allowed) const;
};

// Tenant ids: [a-z0-9][a-z0-9_-]{0,63}.
bool IsValidTenantId(absl::string_view tenant);

}  // namespace cx

#endif  // CX_COMMON_AUTH_PRINCIPAL_H_
