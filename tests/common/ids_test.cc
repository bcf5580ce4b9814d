#include "common/ids.h"

#include <set>

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

TEST(IdsTest, Validation) {
  EXPECT_FALSE(IsValidId(""));
  EXPECT_FALSE(IsValidId("0190F1A2B3C47D8E9F00112233445566"));
  EXPECT_FALSE(IsValidId("0190f1a2b3c47d8e9f0011223344556"));
}

}  // namespace
}  // namespace cx
