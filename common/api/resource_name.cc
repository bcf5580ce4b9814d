#include "common/api/resource_name.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/ids.h"
#include "common/status/errors.h"

namespace cx {
namespace {

bool IsSegment(absl::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string Pattern(std::initializer_list<absl::string_view> collections) {
  std::vector<std::string> parts;
  for (absl::string_view c : collections) {
    parts.push_back(absl::StrCat(c, "/{", c.substr(0, c.size() - 1), "}"));
  }
  return absl::StrJoin(parts, "/");
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ParseResourceName(
    absl::string_view field, absl::string_view name,
    std::initializer_list<absl::string_view> collections,
    bool allow_wildcard_parent) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  // Built only when needed: a status with details is costly, and every
  // submitted response's parent comes through here.
  auto bad = [&] {
    return InvalidField(
        field, absl::StrCat("must have the form ", Pattern(collections)));
  };
  if (parts.size() != 2 * collections.size()) return bad();
  std::vector<std::string> ids;
  size_t i = 0;
  for (absl::string_view collection : collections) {
    if (parts[i] != collection) return bad();
    absl::string_view id = parts[i + 1];
    const bool wildcard = allow_wildcard_parent && i == 0 && id == "-";
    if (!wildcard && !IsValidId(id)) return bad();
    ids.emplace_back(id);
    i += 2;
  }
  return ids;
}

bool IsReferenceName(absl::string_view name,
                     std::initializer_list<absl::string_view> collections) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 2 * collections.size()) return false;
  size_t i = 0;
  for (absl::string_view collection : collections) {
    if (parts[i] != collection || !IsSegment(parts[i + 1])) return false;
    i += 2;
  }
  return true;
}

}  // namespace cx
