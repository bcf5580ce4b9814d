// Parsing AIP-122 resource names such as `surveys/{survey}/responses/{response}`.
#ifndef CX_COMMON_API_RESOURCE_NAME_H_
#define CX_COMMON_API_RESOURCE_NAME_H_

#include <initializer_list>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cx {

// The ids of `name` when it has the form
// `{collections[0]}/{id}/{collections[1]}/{id}...`; ids must be cxp ids (see
// common/ids.h) unless `allow_wildcard_parent` lets the first be "-".
// INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<std::vector<std::string>> ParseResourceName(
    absl::string_view field, absl::string_view name,
    std::initializer_list<absl::string_view> collections,
    bool allow_wildcard_parent = false);

// True when `name` is `{collection}/{segment}` with a segment of
// [a-zA-Z0-9_-]{1,64} (references to resources owned by other services).
bool IsReferenceName(absl::string_view name,
                     std::initializer_list<absl::string_view> collections);

}  // namespace cx

#endif  // CX_COMMON_API_RESOURCE_NAME_H_
