#include "common/api/field_mask.h"

#include "cx/feedback/v1/survey.pb.h"
#include "gtest/gtest.h"

namespace cx {
namespace {

using cx::feedback::v1::Survey;

const std::set<std::string> kUpdatable = {"display_name", "questions"};

TEST(FieldMaskTest, RejectsPathsOutsideTheUpdatableSet) {
  google::protobuf::FieldMask mask;
  mask.add_paths("display_name");
  EXPECT_TRUE(ValidateUpdateMask(mask, kUpdatable).ok());
  mask.add_paths("state");
  const absl::Status s = ValidateUpdateMask(mask, kUpdatable);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("state"), absl::string_view::npos);
}

TEST(FieldMaskTest, AppliesOnlyMaskedFieldsAndReplacesLists) {
  Survey current;
  current.set_display_name("old");
  current.set_description("keep me");
  current.add_questions()->set_id("a");
  current.add_questions()->set_id("b");
  Survey patch;
  patch.set_display_name("new");
  patch.set_description("ignored");
  patch.add_questions()->set_id("c");
  google::protobuf::FieldMask mask;
  mask.add_paths("display_name");
  mask.add_paths("questions");
  ApplyUpdateMask(mask, kUpdatable, patch, &current);
  EXPECT_EQ(current.display_name(), "new");
  EXPECT_EQ(current.description(), "keep me");
  ASSERT_EQ(current.questions_size(), 1);
  EXPECT_EQ(current.questions(0).id(), "c");
}

TEST(FieldMaskTest, EmptyMaskMeansEveryUpdatableField) {
  Survey current;
  current.set_display_name("old");
  current.set_state(Survey::STATE_PUBLISHED);
  Survey patch;
  patch.set_display_name("new");
  patch.set_state(Survey::STATE_ARCHIVED);  // not updatable: ignored
  ApplyUpdateMask({}, kUpdatable, patch, &current);
  EXPECT_EQ(current.display_name(), "new");
  EXPECT_EQ(current.state(), Survey::STATE_PUBLISHED);
}

}  // namespace
}  // namespace cx
