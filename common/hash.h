// A stable 64-bit hash (FNV-1a) for checksums and fingerprints that are
// persisted or sent to clients, where absl::Hash's per-process seed won't do.
#ifndef CX_COMMON_HASH_H_
#define CX_COMMON_HASH_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace cx {

inline uint64_t Fnv1a64(absl::string_view data,
                        uint64_t seed = 0xcbf29ce484222325ULL) {
  uint64_t h = seed;
  for (unsigned char c : data) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace cx

#endif  // CX_COMMON_HASH_H_
