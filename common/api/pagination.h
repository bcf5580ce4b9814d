// AIP-158 pagination: page sizes and opaque keyset page tokens.
#ifndef CX_COMMON_API_PAGINATION_H_
#define CX_COMMON_API_PAGINATION_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace cx {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

// 0 -> 50, above 1000 -> 1000, negative -> INVALID_ARGUMENT (page_size).
absl::StatusOr<int> EffectivePageSize(int32_t requested);

// A token that resumes after `last_key`. `fingerprint` binds it to the query
// (parent, filter ...) it came from, so it cannot be replayed on another.
std::string EncodePageToken(absl::string_view last_key, uint64_t fingerprint);

// The token for the page after the one ending with resource `last_name`
// (keyset on its final id segment).
std::string NextPageToken(absl::string_view last_name, uint64_t fingerprint);

// The key to resume after ("" for an empty token); INVALID_ARGUMENT
// (page_token) when the token is malformed or from another query.
absl::StatusOr<std::string> DecodePageToken(absl::string_view token,
                                            uint64_t fingerprint);

}  // namespace cx

#endif  // CX_COMMON_API_PAGINATION_H_
