#include "common/api/filter.h"

#include "gtest/gtest.h"

namespace cx {
namespace {

TEST(FilterTest, EmptyFilterHasNoConditions) {
  EXPECT_TRUE(ParseFilter("")->empty());
  EXPECT_TRUE(ParseFilter("   ")->empty());
}

TEST(FilterTest, ParsesConditionsJoinedByAnd) {
  auto f = ParseFilter(
      R"(channel = "EMAIL" AND score<=6 AND submit_time >= "2026-01-01T00:00:00Z")");
  ASSERT_TRUE(f.ok()) << f.status();
  ASSERT_EQ(f->size(), 3u);
  EXPECT_EQ((*f)[0].field, "channel");
  EXPECT_EQ((*f)[0].op, FilterOp::kEq);
  EXPECT_EQ((*f)[0].value, "EMAIL");
  EXPECT_EQ((*f)[1].op, FilterOp::kLe);
  EXPECT_EQ((*f)[1].value, "6");
  EXPECT_EQ((*f)[2].value, "2026-01-01T00:00:00Z");
}

TEST(FilterTest, QuotedStringsKeepEscapes) {
  auto f = ParseFilter(R"(customer_id != "a \"b\" c")");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ((*f)[0].op, FilterOp::kNe);
  EXPECT_EQ((*f)[0].value, "a \"b\" c");
}

TEST(FilterTest, SyntaxErrorsAreInvalidArgument) {
  for (const char* bad : {"channel", "channel =", "= 3", "a = 1 OR b = 2",
                          "a = \"open", "a ~ 3", "a = 1 AND"}) {
    EXPECT_EQ(ParseFilter(bad).status().code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

}  // namespace
}  // namespace cx
