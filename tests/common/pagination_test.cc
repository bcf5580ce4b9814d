#include "common/api/pagination.h"

#include "gtest/gtest.h"

namespace cx {
namespace {

TEST(PaginationTest, PageSizeRules) {
  EXPECT_EQ(*EffectivePageSize(0), 50);
  EXPECT_EQ(*EffectivePageSize(7), 7);
  EXPECT_EQ(*EffectivePageSize(1000), 1000);
  EXPECT_EQ(*EffectivePageSize(5000), 1000);
  EXPECT_EQ(EffectivePageSize(-1).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PaginationTest, TokenRoundTrip) {
  const std::string token = EncodePageToken("0190abc", 42);
  EXPECT_EQ(*DecodePageToken(token, 42), "0190abc");
  EXPECT_EQ(*DecodePageToken("", 42), "");
}

TEST(PaginationTest, TokenFromAnotherQueryIsRejected) {
  const std::string token = EncodePageToken("0190abc", 42);
  EXPECT_EQ(DecodePageToken(token, 43).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PaginationTest, GarbageTokenIsRejected) {
  for (const char* junk : {"not base64!", "djE6eno6", "Zm9v"}) {
    EXPECT_EQ(DecodePageToken(junk, 1).status().code(),
              absl::StatusCode::kInvalidArgument)
        << junk;
  }
}

}  // namespace
}  // namespace cx
