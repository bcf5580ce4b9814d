#include "common/ids.h"

#include <algorithm>
#include <cstdint>
#include <mutex>

#include "absl/random/random.h"

namespace cx {
namespace {

// `v` as 16 lowercase hex digits at `out`. (Three ids per ingested response:
// StrFormat's parsing of its format string showed in the ingest profile.)
void PutHex16(uint64_t v, char* out) {
  constexpr char kDigits[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i, v >>= 4) out[i] = kDigits[v & 0xf];
}

}  // namespace

std::string NewId(const Clock& clock) {
  static std::mutex mu;
  static int64_t last_ms = 0;
  static uint32_t sequence = 0;  // 12 bits: rand_a of UUIDv7.
  static absl::BitGen* gen = new absl::BitGen;

  int64_t ms = absl::ToUnixMillis(clock.Now());
  uint64_t rand_b;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (ms <= last_ms) {
      // Same (or earlier, if the clock stepped back) millisecond: stay ordered.
      ms = last_ms;
      if (++sequence > 0xfff) {
        ++ms;
        sequence = 0;
      }
    } else {
      sequence = absl::Uniform<uint32_t>(*gen, 0, 0x800);
    }
    last_ms = ms;
    rand_b = absl::Uniform<uint64_t>(*gen);
  }
  const uint64_t high = (static_cast<uint64_t>(ms) << 16) | 0x7000 | sequence;
  const uint64_t low = (rand_b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  std::string id(32, '0');
  PutHex16(high, id.data());
  PutHex16(low, id.data() + 16);
  return id;
}

std::string MinIdAt(absl::Time t) {
  const int64_t ms = std::max<int64_t>(0, absl::ToUnixMillis(t));
  std::string id(32, '0');
  PutHex16((static_cast<uint64_t>(ms) << 16) | 0x7000, id.data());
  PutHex16(0x8000000000000000ULL, id.data() + 16);
  return id;
}

bool IsValidId(absl::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace cx
