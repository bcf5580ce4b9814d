#include "common/api/resource_name.h"

#include "gtest/gtest.h"

namespace cx {
namespace {

constexpr char kId[] = "0190f1a2b3c47d8e9f00112233445566";
constexpr char kId2[] = "0190f1a2b3c47d8e9f00112233445567";

TEST(ResourceNameTest, ParsesNestedNames) {
  auto ids = ParseResourceName(
      "name", std::string("surveys/") + kId + "/responses/" + kId2,
      {"surveys", "responses"});
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ((*ids)[0], kId);
  EXPECT_EQ((*ids)[1], kId2);
}

TEST(ResourceNameTest, RejectsMalformedNames) {
  for (std::string bad : {std::string(""), std::string("surveys"),
                          std::string("surveys/") + kId + "/",
                          std::string("teams/") + kId,
                          std::string("surveys/UPPER"),
                          std::string("surveys/-")}) {
    auto ids = ParseResourceName("name", bad, {"surveys"});
    EXPECT_EQ(ids.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(ResourceNameTest, WildcardParentOnlyWhenAllowed) {
  EXPECT_TRUE(ParseResourceName("parent", "surveys/-", {"surveys"}, true).ok());
}

TEST(ResourceNameTest, References) {
  EXPECT_TRUE(IsReferenceName("teams/support-emea", {"teams"}));
  EXPECT_TRUE(IsReferenceName("journeys/onboarding/touchpoints/welcome",
                              {"journeys", "touchpoints"}));
  EXPECT_FALSE(IsReferenceName("teams/", {"teams"}));
  EXPECT_FALSE(IsReferenceName("teams/a b", {"teams"}));
  EXPECT_FALSE(IsReferenceName("employees/x", {"teams"}));
}

}  // namespace
}  // namespace cx
