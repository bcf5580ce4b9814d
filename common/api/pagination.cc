#include "common/api/pagination.h"

#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/errors.h"

namespace cx {

absl::StatusOr<int> EffectivePageSize(int32_t requested) {
  if (requested < 0) return InvalidField("page_size", "must not be negative");
  if (requested == 0) return kDefaultPageSize;
  return requested > kMaxPageSize ? kMaxPageSize : requested;
}

std::string EncodePageToken(absl::string_view last_key, uint64_t fingerprint) {
  return absl::WebSafeBase64Escape(
      absl::StrCat("v1:", absl::Hex(fingerprint), ":", last_key));
}

std::string NextPageToken(absl::string_view last_name, uint64_t fingerprint) {
  return EncodePageToken(last_name.substr(last_name.rfind('/') + 1),
                         fingerprint);
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token,
                                            uint64_t fingerprint) {
  if (token.empty()) return std::string();
  std::string raw;
  auto bad = [] {
    return InvalidField("page_token", "is not a token this list returned");
  };
  if (!absl::WebSafeBase64Unescape(token, &raw)) return bad();
  std::vector<std::string> parts = absl::StrSplit(raw, absl::MaxSplits(':', 2));
  uint64_t got = 0;
  if (parts.size() != 3 || parts[0] != "v1" ||
      !absl::SimpleHexAtoi(parts[1], &got)) {
    return bad();
  }
  if (got != fingerprint) {
    return InvalidField("page_token",
                        "was issued for a different parent or filter");
  }
  return parts[2];
}

}  // namespace cx
