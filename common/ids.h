// Time-ordered identifiers (UUIDv7 layout, 32 lowercase hex digits, no dashes):
// 48 bits of Unix milliseconds first, so InnoDB primary keys grow at the end of
// the index, then a per-process monotonic counter and random bits, so ids from
// one process sort in creation order even within a millisecond.
#ifndef CX_COMMON_IDS_H_
#define CX_COMMON_IDS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/clock.h"

namespace cx {

// Thread-safe.
std::string NewId(const Clock& clock);

// True for strings NewId could have produced (what resource names accept).
bool IsValidId(absl::string_view id);

// The smallest id NewId can mint from a clock reading at or after `t`: ids
// sort by the millisecond they were minted in, so every id minted since `t`
// is >= MinIdAt(t) (a primary-key bound for "created since t").
std::string MinIdAt(absl::Time t);

}  // namespace cx

#endif  // CX_COMMON_IDS_H_
