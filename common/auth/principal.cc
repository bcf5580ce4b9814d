#include "common/auth/principal.h"

#include <array>
#include <utility>

namespace cx {
namespace {

constexpr std::array<std::pair<absl::string_view, Role>, 5> kRoleNames = {{
    {"admin", Role::kAdmin},
    {"analyst", Role::kAnalyst},
    {"agent", Role::kAgent},
    {"ingest", Role::kIngest},
    {"employee", Role::kEmployee},
}};

}  // namespace

std::optional<Role> RoleFromName(absl::string_view name) {
  for (const auto& [n, role] : kRoleNames) {
    if (n == name) return role;
  }
  return std::nullopt;
}

absl::string_view RoleName(Role role) {
  for (const auto& [n, r] : kRoleNames) {
    if (r == role) return n;
  }
  return "unknown";
}

bool Principal::HasAnyRole(std::initializer_list<Role> allowed) const {
  for (Role role : allowed) {
    if (roles.count(role) > 0) return true;
  }
  return false;
}

bool IsValidTenantId(absl::string_view tenant) {
  if (tenant.empty() || tenant.size() > 64) return false;
  for (size_t i = 0; i < tenant.size(); ++i) {
    const char c = tenant[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_'))) return false;
  }
  return true;
}

}  // namespace cx
