#include "services/feedback/domain/case_statistics.h"

#include "common/proto_time.h"
#include "gtest/gtest.h"

namespace cx::feedback {
namespace {

const absl::Time kOpened = absl::FromUnixSeconds(1790000000);
const absl::Time kNow = kOpened + absl::Hours(100);

// A case opened at kOpened, due 24 h later.
v1::Case Opened(const std::string& owner) {
  v1::Case c;
  c.set_owner(owner);
  c.set_state(v1::Case::STATE_OPEN);
  *c.mutable_create_time() = ToProto(kOpened);
  *c.mutable_due_time() = ToProto(kOpened + absl::Hours(24));
  return c;
}

v1::Case Resolved(const std::string& owner, absl::Duration responded,
                  absl::Duration resolved, v1::Case::State state) {
  v1::Case c = Opened(owner);
  c.set_state(state);
  *c.mutable_first_response_time() = ToProto(kOpened + responded);
  *c.mutable_resolve_time() = ToProto(kOpened + resolved);
  return c;
}

TEST(CaseStatisticsTest, CountsSlaAttainmentAndMediansInTotalAndPerOwner) {
  CaseStatisticsBuilder builder(kNow);
  builder.Add(Resolved("teams/care", absl::Hours(1), absl::Hours(5),
                       v1::Case::STATE_RESOLVED));
  builder.Add(Resolved("teams/care", absl::Hours(2), absl::Hours(30),
                       v1::Case::STATE_CLOSED));  // late
  v1::Case escalated = Resolved("teams/care", absl::Hours(3), absl::Hours(20),
                                v1::Case::STATE_RESOLVED);
  escalated.set_escalations(1);  // its deadline was moved: not within SLA
  *escalated.mutable_due_time() = ToProto(kOpened + absl::Hours(48));
  builder.Add(escalated);
  v1::Case working = Opened("teams/billing");
  working.set_state(v1::Case::STATE_IN_PROGRESS);
  *working.mutable_first_response_time() = ToProto(kOpened + absl::Hours(9));
  builder.Add(working);                 // responded, overdue at kNow
  builder.Add(Opened(""));               // untouched, overdue
  v1::Case reopened = Opened("teams/billing");  // resolved once, reopened
  *reopened.mutable_first_response_time() = ToProto(kOpened + absl::Hours(4));
  *reopened.mutable_due_time() = ToProto(kNow + absl::Hours(1));
  builder.Add(reopened);

  const v1::CaseStatistics stats = builder.Build();
  const v1::CaseCounts& total = stats.total();
  EXPECT_EQ(total.owner(), "");
  EXPECT_EQ(total.opened(), 6);
  EXPECT_EQ(total.responded(), 5);
  EXPECT_EQ(total.resolved(), 3);
  EXPECT_EQ(total.resolved_within_sla(), 1);
  EXPECT_EQ(total.overdue(), 2);
  // First responses 1, 2, 3, 4, 9 h; resolutions 5, 20, 30 h.
  EXPECT_EQ(FromProto(total.median_time_to_first_response()), absl::Hours(3));
  EXPECT_EQ(FromProto(total.median_time_to_resolve()), absl::Hours(20));

  ASSERT_EQ(stats.owners_size(), 3);
  EXPECT_EQ(stats.owners(0).owner(), "teams/care");  // most cases first
  EXPECT_EQ(stats.owners(0).opened(), 3);
  EXPECT_EQ(stats.owners(0).resolved_within_sla(), 1);
  EXPECT_EQ(stats.owners(1).owner(), "teams/billing");
  EXPECT_EQ(stats.owners(1).overdue(), 1);
  EXPECT_FALSE(stats.owners(1).has_median_time_to_resolve());
  // The lower median of 4 h and 9 h.
  EXPECT_EQ(FromProto(stats.owners(1).median_time_to_first_response()),
            absl::Hours(4));
  EXPECT_EQ(stats.owners(2).owner(), "");
  EXPECT_EQ(stats.owners(2).responded(), 0);
  EXPECT_FALSE(stats.owners(2).has_median_time_to_first_response());
}

TEST(CaseStatisticsTest, CasesResolvedWithoutAResolveTimeCountOnlyAsResolved) {
  CaseStatisticsBuilder builder(kNow);
  v1::Case old = Opened("");
  old.set_state(v1::Case::STATE_CLOSED);
  builder.Add(old);
  const v1::CaseStatistics stats = builder.Build();
  EXPECT_EQ(stats.total().resolved(), 1);
  EXPECT_EQ(stats.total().resolved_within_sla(), 0);
  EXPECT_FALSE(stats.total().has_median_time_to_resolve());
}

TEST(CaseStatisticsTest, ResolvedCasesPerRootCauseMostFirst) {
  CaseStatisticsBuilder builder(kNow);
  auto resolved = [&](const std::string& cause, v1::Case::State state) {
    v1::Case c = Resolved("teams/care", absl::Hours(1), absl::Hours(2), state);
    c.set_root_cause(cause);
    builder.Add(c);
  };
  resolved("billing", v1::Case::STATE_RESOLVED);
  resolved("agent_error", v1::Case::STATE_CLOSED);
  resolved("billing", v1::Case::STATE_CLOSED);
  resolved("", v1::Case::STATE_RESOLVED);  // resolved without one
  v1::Case open = Opened("teams/care");
  open.set_root_cause("delivery");  // not resolved: not counted
  builder.Add(open);
  const v1::CaseStatistics stats = builder.Build();
  ASSERT_EQ(stats.root_causes_size(), 3);
  EXPECT_EQ(stats.root_causes(0).root_cause(), "billing");
  EXPECT_EQ(stats.root_causes(0).cases(), 2);
  EXPECT_DOUBLE_EQ(stats.root_causes(0).share(), 50);
  EXPECT_EQ(stats.root_causes(1).root_cause(), "");  // ties by name
  EXPECT_EQ(stats.root_causes(2).root_cause(), "agent_error");
  EXPECT_DOUBLE_EQ(stats.root_causes(2).share(), 25);
}

TEST(CaseStatisticsTest, NoCasesNoFigures) {
  const v1::CaseStatistics stats = CaseStatisticsBuilder(kNow).Build();
  EXPECT_EQ(stats.total().opened(), 0);
  EXPECT_FALSE(stats.total().has_median_time_to_resolve());
  EXPECT_EQ(stats.owners_size(), 0);
}

}  // namespace
}  // namespace cx::feedback
