// Erasure on MariaDB leaves no byte of the customer in any feedback table
// but the outbox event that tells downstream services to forget them too.
#include "services/feedback/store/mysql_erasure_store.h"

#include "absl/strings/str_cat.h"
#include "common/ids.h"
#include "common/mysql/migrations.h"
#include "common/proto_time.h"
#include "gtest/gtest.h"
#include "services/feedback/domain/closed_loop.h"
#include "services/feedback/store/mysql_case_store.h"
#include "services/feedback/store/mysql_response_store.h"
#include "services/feedback/store/resource_names.h"
#include "tests/services/feedback/test_surveys.h"
#include "tests/testing/test_database.h"

namespace cx {
const std::vector<Migration>& FeedbackMigrations();
}

namespace cx::feedback {
namespace {

TEST(MysqlErasureStoreTest, NoTraceLeftAndSafeToRepeat) {
  CX_REQUIRE_TEST_DATABASE();
  cx::testing::TestDatabase db("erasure");
  ASSERT_TRUE(ApplyMigrations(db.pool(), FeedbackMigrations()).ok());
  FakeClock clock(absl::FromUnixSeconds(1790000000));
  MysqlResponseStore responses(&db.pool());
  MysqlCaseStore cases(&db.pool(), &clock);
  MysqlErasureStore erasure(&db.pool());
  const std::string secret_customer = "customer-to-forget-4711";
  for (const auto& [customer, nps] :
       std::vector<std::pair<std::string, int>>{{secret_customer, 1},
                                                {secret_customer, 9},
                                                {"someone-else", 2}}) {
    clock.Advance(absl::Seconds(1));
    NewResponse r;
    r.survey_id = NewId(clock);
    r.id = NewId(clock);
    r.request_id = "req-" + r.id;
    r.response = testing::NpsResponse(nps);
    r.response.set_customer_id(customer);
    r.response.set_name(ResponseName(r.survey_id, r.id));
    *r.response.mutable_submit_time() = ToProto(clock.Now());
    *r.response.mutable_create_time() = ToProto(clock.Now());
    r.opened_case = EvaluateRules(DefaultClosedLoopPolicy(),
                                  testing::AllTypesSurvey(), r.response,
                                  clock.Now());
    r.case_id = NewId(clock);
    ASSERT_TRUE(responses.Insert("acme", r).ok());
  }
  // Where could the customer still be? Every column and blob of every table.
  auto traces = [&]() {
    int64_t n = 0;
    for (const char* sql : {"SELECT COUNT(*) FROM responses WHERE "
                            "customer_id = ? OR LOCATE(?, body) > 0",
                            "SELECT COUNT(*) FROM cases WHERE customer_id "
                            "= ? OR LOCATE(?, CONCAT(body, "
                            "COALESCE(opened_event, ''))) > 0",
                            "SELECT COUNT(*) FROM case_events WHERE "
                            "? = '' OR LOCATE(?, body) > 0"}) {
      n += db.QueryInt(sql, {secret_customer, secret_customer});
    }
    return n;
  };
  ASSERT_GT(traces(), 0);
  auto counts = erasure.EraseCustomer("acme", secret_customer, NewId(clock),
                                      clock.Now());
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->responses, 2);
  EXPECT_EQ(counts->cases, 1);
  EXPECT_EQ(counts->case_events, 1);
  EXPECT_EQ(traces(), 0);
  // The other customer is untouched.
  CaseListQuery q;
  q.limit = 100;
  ASSERT_EQ(cases.List("acme", q)->cases.size(), 1u);
  EXPECT_EQ(cases.List("acme", q)->cases[0].customer_id(), "someone-else");
  // Repeating erases nothing and writes no second outbox event.
  EXPECT_EQ(erasure.EraseCustomer("acme", secret_customer, NewId(clock),
                                  clock.Now())
                ->responses,
            0);
  EXPECT_EQ(
      db.QueryInt("SELECT COUNT(*) FROM outbox WHERE tenant_id = ?", {"acme"}),
      1);
  // The customer is remembered, by hash only, for imports to refuse.
  auto erased = erasure.ErasedAmong("acme", {secret_customer, "someone-else"});
  ASSERT_TRUE(erased.ok());
  EXPECT_EQ(*erased, absl::flat_hash_set<std::string>{secret_customer});
  EXPECT_TRUE(erasure.ErasedAmong("globex", {secret_customer})->empty());
  // Lists of any length, with repeats (an import batch's customers).
  for (int n : {1, 8, 9, 37, 500}) {
    std::vector<std::string> batch;
    for (int i = 0; i < n; ++i) batch.push_back(absl::StrCat("c-", i % 30));
    batch.insert(batch.begin() + n / 2, secret_customer);
    auto found = erasure.ErasedAmong("acme", batch);
    ASSERT_TRUE(found.ok()) << n;
    EXPECT_EQ(*found, absl::flat_hash_set<std::string>{secret_customer}) << n;
  }
  EXPECT_EQ(db.QueryInt("SELECT COUNT(*) FROM erased_customers "
                        "WHERE LOCATE(?, customer_hash) > 0",
                        {secret_customer}),
            0);
}

}  // namespace
}  // namespace cx::feedback
