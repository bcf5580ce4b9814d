// Hand-computed retention of four accounts (MRR in cents):
//   A: Jan 1000, Mar 1500 (expands)        C: Jan 1000, Mar 600 (contracts)
//   B: Jan 2000, Feb 0, Apr 2000 (churns and returns)   D: Mar 500 (new)
#include "services/metrics/domain/retention.h"

#include "gtest/gtest.h"

namespace cx::metrics {
namespace {

absl::CivilMonth M(int month) { return absl::CivilMonth(2026, month); }

RevenueLedger Ledger() {
  RevenueLedger l;
  l.Set("A", M(1), 1000), l.Set("A", M(3), 1500);
  l.Set("B", M(1), 2000), l.Set("B", M(2), 0), l.Set("B", M(4), 2000);
  l.Set("C", M(1), 1000), l.Set("C", M(3), 600);
  l.Set("D", M(3), 500);
  return l;
}

TEST(RetentionTest, ChurnContractionExpansionOverTheStartingCohort) {
  // Start = January: A 1000, B 2000, C 1000. End = March.
  const v1::RetentionSummary s = Ledger().Summarize(M(2), M(3));
  EXPECT_EQ(s.starting_accounts(), 3);
  EXPECT_EQ(s.starting_mrr_minor(), 4000);
  EXPECT_EQ(s.churned_accounts(), 1);
  EXPECT_EQ(s.churned_mrr_minor(), 2000);
  EXPECT_EQ(s.expansion_mrr_minor(), 500);
  EXPECT_EQ(s.contraction_mrr_minor(), 400);
  EXPECT_EQ(s.new_accounts(), 1);  // D never offsets B's loss
  EXPECT_EQ(s.new_mrr_minor(), 500);
  EXPECT_EQ(s.ending_mrr_minor(), 2600);
  EXPECT_NEAR(s.logo_churn_percent(), 100.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(s.gross_revenue_retention_percent(), 40.0);  // 1600/4000
  EXPECT_DOUBLE_EQ(s.net_revenue_retention_percent(), 52.5);    // 2100/4000
}

TEST(RetentionTest, ReturningAccountIsNewInALaterPeriod) {
  const v1::RetentionSummary s = Ledger().Summarize(M(4), M(4));
  EXPECT_EQ(s.starting_accounts(), 3);  // A, C, D active in March
  EXPECT_EQ(s.new_accounts(), 1);       // B is back
  EXPECT_EQ(s.new_mrr_minor(), 2000);
  EXPECT_EQ(s.churned_accounts(), 0);
  EXPECT_DOUBLE_EQ(s.net_revenue_retention_percent(), 100.0);
}

TEST(RetentionTest, ChurnAndReturnInsideAPeriodIsNotChurn) {
  const v1::RetentionSummary s = Ledger().Summarize(M(2), M(4));
  EXPECT_EQ(s.churned_accounts(), 0);
  EXPECT_DOUBLE_EQ(s.gross_revenue_retention_percent(), 90.0);  // 3600/4000
  EXPECT_DOUBLE_EQ(s.net_revenue_retention_percent(), 102.5);   // 4100/4000
}

TEST(RetentionTest, NoStartingAccountsLeavesRatesUnset) {
  const v1::RetentionSummary s = Ledger().Summarize(M(1), M(1));
  EXPECT_EQ(s.starting_accounts(), 0);
  EXPECT_EQ(s.new_accounts(), 3);
  EXPECT_FALSE(s.has_logo_churn_percent());
  EXPECT_FALSE(s.has_net_revenue_retention_percent());
}

TEST(RetentionTest, CohortsFollowTheirAccounts) {
  const std::vector<v1::CohortRow> rows = Ledger().Cohorts(M(1), M(4));
  ASSERT_EQ(rows.size(), 2u);  // January (A, B, C) and March (D)
  const v1::CohortRow& jan = rows[0];
  EXPECT_EQ(jan.accounts(), 3);
  EXPECT_EQ(jan.starting_mrr_minor(), 4000);
  ASSERT_EQ(jan.cells_size(), 4);
  EXPECT_EQ(jan.cells(1).active_accounts(), 2);  // February: B churned
  EXPECT_NEAR(jan.cells(1).logo_retention_percent(), 200.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(jan.cells(1).net_revenue_retention_percent(), 50.0);
  EXPECT_EQ(jan.cells(2).mrr_minor(), 2100);
  EXPECT_EQ(jan.cells(3).active_accounts(), 3);  // April: B is back
  EXPECT_DOUBLE_EQ(jan.cells(3).net_revenue_retention_percent(), 102.5);
  EXPECT_EQ(rows[1].accounts(), 1);
  EXPECT_EQ(rows[1].cells_size(), 2);
}

}  // namespace
}  // namespace cx::metrics
