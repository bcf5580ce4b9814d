#include "common/ids.h"

#include <set>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"

namespace cx {
namespace {

TEST(IdsTest, IdsAreValidUniqueAndOrderedWithinAMillisecond) {
  FakeClock clock(absl::FromUnixMillis(1790000000123));
  std::string previous;
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) {  // > 4096 forces the counter to carry
    const std::string id = NewId(clock);
    EXPECT_TRUE(IsValidId(id)) << id;
    EXPECT_GT(id, previous);
    EXPECT_TRUE(seen.insert(id).second);
    previous = id;
  }
}

TEST(IdsTest, LaterTimeSortsLater) {
  FakeClock clock(absl::FromUnixMillis(1790000000000));
  const std::string a = NewId(clock);
  clock.Advance(absl::Hours(1));
  EXPECT_GT(NewId(clock), a);
  EXPECT_EQ(a[12], '7');  // UUIDv7 version nibble
}

TEST(IdsTest, IdsAreUuidV7InHex) {
  // Later than any id the other tests made (ids never go back in time).
  FakeClock clock(absl::FromUnixMillis(1800000000000));
  const std::string id = NewId(clock);
  // The first 48 bits are the Unix milliseconds, then the version 7.
  EXPECT_EQ(id.substr(0, 13), absl::StrFormat("%012x7", int64_t{1800000000000}));
  EXPECT_NE(std::string("89ab").find(id[16]), std::string::npos)
      << id << ": the variant bits are 10";
}

TEST(IdsTest, MinIdAtBoundsEveryIdMintedSince) {
  // Later than any id the other tests made (ids never go back in time).
  const absl::Time t = absl::FromUnixMillis(1900000000000);
  FakeClock clock(t);
  const std::string bound = MinIdAt(t);
  EXPECT_TRUE(IsValidId(bound));
  for (int i = 0; i < 100; ++i) {
    const std::string id = NewId(clock);
    EXPECT_GE(id, bound);
    EXPECT_LT(id, MinIdAt(t + absl::Milliseconds(1))) << "minted at t";
  }
  EXPECT_LT(MinIdAt(t - absl::Milliseconds(1)), bound);
  EXPECT_EQ(MinIdAt(absl::UnixEpoch() - absl::Hours(1)), MinIdAt(absl::UnixEpoch()));
}

TEST(IdsTest, Validation) {
  EXPECT_FALSE(IsValidId(""));
  EXPECT_FALSE(IsValidId("0190F1A2B3C47D8E9F00112233445566"));
  EXPECT_FALSE(IsValidId("0190f1a2b3c47d8e9f0011223344556"));
}

}  // namespace
}  // namespace cx
