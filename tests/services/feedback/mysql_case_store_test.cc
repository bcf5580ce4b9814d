// Cases on MariaDB: opened in the response's transaction, gap-free per-tenant
// event sequences under concurrency, changes and the overdue sweep query.
#include "services/feedback/store/mysql_case_store.h"

#include <set>
#include <thread>

#include "common/ids.h"
#include "common/mysql/migrations.h"
#include "common/proto_time.h"
#include "gtest/gtest.h"
#include "services/feedback/domain/closed_loop.h"
#include "services/feedback/store/batching_response_store.h"
#include "services/feedback/store/mysql_case_rows.h"
#include "services/feedback/store/mysql_response_store.h"
#include "services/feedback/store/opened_case.h"
#include "services/feedback/store/resource_names.h"
#include "tests/services/feedback/test_surveys.h"
#include "tests/testing/test_database.h"

namespace cx {
const std::vector<Migration>& FeedbackMigrations();
}

namespace cx::feedback {
namespace {

class MysqlCaseStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CX_REQUIRE_TEST_DATABASE();
    db_ = std::make_unique<cx::testing::TestDatabase>("cases");
    ASSERT_TRUE(ApplyMigrations(db_->pool(), FeedbackMigrations()).ok());
    responses_ = std::make_unique<MysqlResponseStore>(&db_->pool());
    cases_ = std::make_unique<MysqlCaseStore>(&db_->pool(), &clock_);
  }

  // A detractor response that opens a case, as the service builds it.
  NewResponse Detractor(const std::string& request_id = "") {
    clock_.Advance(absl::Milliseconds(1));
    NewResponse r;
    r.survey_id = "0190f1a2b3c47d8e9f00112233445566";
    r.id = NewId(clock_);
    r.request_id = request_id;
    r.response = testing::NpsResponse(2);
    r.response.set_name(ResponseName(r.survey_id, r.id));
    *r.response.mutable_submit_time() = ToProto(clock_.Now());
    *r.response.mutable_create_time() = ToProto(clock_.Now());
    r.opened_case = EvaluateRules(DefaultClosedLoopPolicy(),
                                  testing::AllTypesSurvey(), r.response,
                                  clock_.Now());
    r.case_id = NewId(clock_);
    return r;
  }

  int CountCases(const std::string& tenant) {
    CaseListQuery q;
    q.limit = 1000;
    return static_cast<int>(cases_->List(tenant, q)->cases.size());
  }

  FakeClock clock_{absl::FromUnixSeconds(1790000000)};
  std::unique_ptr<cx::testing::TestDatabase> db_;
  std::unique_ptr<MysqlResponseStore> responses_;
  std::unique_ptr<MysqlCaseStore> cases_;
};

TEST_F(MysqlCaseStoreTest, CaseCommitsWithItsResponseAndRetriesOpenNone) {
  const NewResponse r = Detractor("req-1");
  ASSERT_TRUE(responses_->Insert("acme", r).ok());
  auto c = cases_->Get("acme", r.case_id);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->response(), r.response.name());
  EXPECT_EQ(c->priority(), v1::CASE_PRIORITY_URGENT);
  // The retry carries a fresh response id and case id; neither is stored.
  const NewResponse retry = Detractor("req-1");
  ASSERT_EQ(responses_->Insert("acme", retry)->name(), r.response.name());
  EXPECT_EQ(cases_->Get("acme", retry.case_id).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(CountCases("acme"), 1);
  EXPECT_EQ(CountCases("globex"), 0);
  auto events = cases_->EventsAfter("acme", 0, 100);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].kind(), v1::CaseEvent::KIND_OPENED);
}

// The service serializes a case's bodies while it prepares the call; the
// store serializes them when not given. Either way the same case and event
// read back (the same response, stored by two tenants).
TEST_F(MysqlCaseStoreTest, PreparedCaseBodiesStoreWhatTheStoreWouldHave) {
  NewResponse prepared = Detractor();
  prepared.case_bodies = SerializeOpenedCase(
      prepared.case_id, *prepared.opened_case,
      FromProto(prepared.response.create_time()));
  NewResponse unprepared = prepared;
  unprepared.case_bodies.reset();
  ASSERT_TRUE(responses_->Insert("acme", prepared).ok());
  ASSERT_TRUE(responses_->Insert("globex", unprepared).ok());
  auto a = cases_->Get("acme", prepared.case_id);
  auto b = cases_->Get("globex", prepared.case_id);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->name(), CaseName(prepared.case_id));
  EXPECT_EQ(a->etag(), CaseEtag(1));
  EXPECT_EQ(a->SerializeAsString(), b->SerializeAsString());
  auto acme_events = cases_->EventsAfter("acme", 0, 100);
  auto globex_events = cases_->EventsAfter("globex", 0, 100);
  ASSERT_EQ(acme_events->size(), 1u);
  ASSERT_EQ(globex_events->size(), 1u);
  const v1::CaseEvent& opened = (*acme_events)[0];
  EXPECT_EQ(opened.kind(), v1::CaseEvent::KIND_OPENED);
  EXPECT_EQ(opened.actor(), "system");
  EXPECT_EQ(opened.case_().SerializeAsString(), a->SerializeAsString());
  EXPECT_EQ(opened.SerializeAsString(), (*globex_events)[0].SerializeAsString());
}

TEST_F(MysqlCaseStoreTest, ConcurrentIngestKeepsEachTenantsSequenceGapFree) {
  BatchingResponseStore batching(responses_.get(), {});
  std::vector<std::thread> clients;
  std::vector<NewResponse> all;
  for (int i = 0; i < 120; ++i) all.push_back(Detractor());
  std::atomic<int> ok{0};
  for (int t = 0; t < 12; ++t) {
    clients.emplace_back([&, t] {
      for (int i = t; i < 120; i += 12) {
        ok += batching.Insert(i % 2 ? "acme" : "globex", all[i]).ok();
      }
    });
  }
  for (auto& c : clients) c.join();
  ASSERT_EQ(ok.load(), 120);
  for (const std::string tenant : {"acme", "globex"}) {
    auto events = cases_->EventsAfter(tenant, 0, 1000);
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->size(), 60u) << tenant;
    std::set<std::string> opened;
    for (size_t i = 0; i < events->size(); ++i) {
      const v1::CaseEvent& event = (*events)[i];
      EXPECT_EQ(event.sequence(), static_cast<int64_t>(i) + 1);
      EXPECT_EQ(event.kind(), v1::CaseEvent::KIND_OPENED);
      opened.insert(event.case_().name());
      // The same event, numbered alike, in the case's own history.
      const std::string id = event.case_().name().substr(sizeof("cases/") - 1);
      auto history = cases_->CaseEventsAfter(tenant, id, 0, 10);
      ASSERT_TRUE(history.ok());
      ASSERT_EQ(history->size(), 1u);
      EXPECT_EQ((*history)[0].sequence(), event.sequence());
    }
    EXPECT_EQ(opened.size(), 60u);  // one event per case
    EXPECT_EQ(CountCases(tenant), 60);
  }
}

TEST_F(MysqlCaseStoreTest, MutateChecksEtagAndAppendsEvents) {
  const NewResponse r = Detractor();
  ASSERT_TRUE(responses_->Insert("acme", r).ok());
  const v1::Case opened = *cases_->Get("acme", r.case_id);
  auto start = [](v1::Case& c) -> absl::StatusOr<bool> {
    c.set_state(v1::Case::STATE_IN_PROGRESS);
    return true;
  };
  EXPECT_EQ(cases_->Mutate("acme", r.case_id, "\"c9\"", "ann",
                           v1::CaseEvent::KIND_UPDATED, start)
                .status()
                .code(),
            absl::StatusCode::kAborted);
  auto updated = cases_->Mutate("acme", r.case_id, opened.etag(), "ann",
                                v1::CaseEvent::KIND_UPDATED, start);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_NE(updated->etag(), opened.etag());
  EXPECT_EQ(cases_->Get("acme", r.case_id)->state(),
            v1::Case::STATE_IN_PROGRESS);
  EXPECT_EQ(cases_->Mutate("globex", r.case_id, "", "x",
                           v1::CaseEvent::KIND_UPDATED, start)
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  // Reassignments record the owner the case left.
  for (const char* owner : {"teams/care", "teams/billing"}) {
    ASSERT_TRUE(cases_
                    ->Mutate("acme", r.case_id, "", "ann",
                             v1::CaseEvent::KIND_UPDATED,
                             [owner](v1::Case& c) -> absl::StatusOr<bool> {
                               c.set_owner(owner);
                               return true;
                             })
                    .ok());
  }
  auto events = cases_->EventsAfter("acme", 1, 100);
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].actor(), "ann");
  EXPECT_EQ((*events)[0].case_().state(), v1::Case::STATE_IN_PROGRESS);
  EXPECT_EQ((*events)[0].previous_owner(), "");  // not reassigned
  EXPECT_EQ((*events)[1].previous_owner(), "");  // unassigned before
  EXPECT_EQ((*events)[2].case_().owner(), "teams/billing");
  EXPECT_EQ((*events)[2].previous_owner(), "teams/care");
}

// OPENED events live in the case rows, later events in case_events, and
// cases opened before migration 0012 have their OPENED event there too: the
// readers merge them into one sequence, pages included.
TEST_F(MysqlCaseStoreTest, EventsFromCaseRowsAndCaseEventsInterleaveBySequence) {
  auto touch = [&](const std::string& id) {
    return cases_
        ->Mutate("acme", id, "", "ann", v1::CaseEvent::KIND_UPDATED,
                 [](v1::Case& c) -> absl::StatusOr<bool> {
                   c.set_owner(c.owner() + "x");
                   return true;
                 })
        .ok();
  };
  const NewResponse a = Detractor(), b = Detractor(), c = Detractor();
  ASSERT_TRUE(responses_->Insert("acme", a).ok());  // 1 opened a
  ASSERT_TRUE(responses_->Insert("acme", b).ok());  // 2 opened b
  ASSERT_TRUE(touch(a.case_id));                    // 3 updated a
  ASSERT_TRUE(responses_->Insert("acme", c).ok());  // 4 opened c
  ASSERT_TRUE(touch(b.case_id));                    // 5 updated b
  // Case b as opened before the migration: its OPENED event a row of its own.
  ASSERT_TRUE(db_->pool()
                  .Transact([&](Session& s) {
                    s.ExecuteArgs(
                        "INSERT INTO case_events (tenant_id, sequence, "
                        "case_id, body, create_time) SELECT tenant_id, "
                        "opened_sequence, id, opened_event, create_time FROM "
                        "cases WHERE tenant_id = ? AND id = ?",
                        "acme", b.case_id);
                    s.ExecuteArgs(
                        "UPDATE cases SET opened_sequence = NULL, opened_event "
                        "= NULL WHERE tenant_id = ? AND id = ?",
                        "acme", b.case_id);
                    return absl::OkStatus();
                  })
                  .ok());
  std::vector<std::pair<int64_t, std::string>> seen;  // sequence, case id
  for (int64_t after = 0;;) {
    auto page = cases_->EventsAfter("acme", after, 2);
    ASSERT_TRUE(page.ok()) << page.status();
    if (page->empty()) break;
    ASSERT_LE(page->size(), 2u);
    for (const v1::CaseEvent& e : *page) {
      seen.emplace_back(e.sequence(),
                        e.case_().name().substr(sizeof("cases/") - 1));
      after = e.sequence();
    }
  }
  const std::vector<std::pair<int64_t, std::string>> expected = {
      {1, a.case_id}, {2, b.case_id}, {3, a.case_id}, {4, c.case_id},
      {5, b.case_id}};
  EXPECT_EQ(seen, expected);
  for (const auto& [id, sequences] :
       std::vector<std::pair<std::string, std::vector<int64_t>>>{
           {a.case_id, {1, 3}}, {b.case_id, {2, 5}}, {c.case_id, {4}}}) {
    auto history = cases_->CaseEventsAfter("acme", id, 0, 10);
    ASSERT_TRUE(history.ok());
    std::vector<int64_t> got;
    for (const v1::CaseEvent& e : *history) got.push_back(e.sequence());
    EXPECT_EQ(got, sequences) << id;
    EXPECT_EQ((*history)[0].kind(), v1::CaseEvent::KIND_OPENED);
  }
  EXPECT_EQ(cases_->CaseEventsAfter("acme", a.case_id, 1, 10)->size(), 1u);
}

TEST_F(MysqlCaseStoreTest, OverdueQueryAndListFilters) {
  const NewResponse r = Detractor();
  ASSERT_TRUE(responses_->Insert("acme", r).ok());
  EXPECT_TRUE(cases_->FindOverdue(clock_.Now(), 10)->empty());
  const absl::Time later = clock_.Now() + absl::Hours(5);
  auto due = cases_->FindOverdue(later, 10);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0], std::make_pair(std::string("acme"), r.case_id));
  CaseListQuery q;
  q.now = later;
  q.overdue = true;
  EXPECT_EQ(cases_->List("acme", q)->cases.size(), 1u);
  q.overdue = false;
  EXPECT_EQ(cases_->List("acme", q)->cases.size(), 0u);
  q.overdue.reset();
  q.priority = v1::CASE_PRIORITY_LOW;
  EXPECT_EQ(cases_->List("acme", q)->cases.size(), 0u);
  q.priority.reset();
  // Root causes, recorded with a change, are a column too.
  q.root_cause = "billing";
  EXPECT_EQ(cases_->List("acme", q)->cases.size(), 0u);
  ASSERT_TRUE(cases_
                  ->Mutate("acme", r.case_id, "", "ann",
                           v1::CaseEvent::KIND_UPDATED,
                           [](v1::Case& c) -> absl::StatusOr<bool> {
                             c.set_root_cause("billing");
                             return true;
                           })
                  .ok());
  EXPECT_EQ(cases_->List("acme", q)->cases.size(), 1u);
  EXPECT_EQ(cases_->List("globex", q)->cases.size(), 0u);
  q.root_cause = "";
  EXPECT_EQ(cases_->List("acme", q)->cases.size(), 0u);
}

TEST_F(MysqlCaseStoreTest, ListsByDeadlineAcrossPagesWithTiesById) {
  const absl::Time t = clock_.Now();
  // Opened in the order a, b, c, d; due b = c < d < a (d off by 500 ns,
  // which the column drops).
  const absl::Duration due[] = {absl::Hours(3), absl::Hours(1), absl::Hours(1),
                                absl::Hours(2) + absl::Nanoseconds(500)};
  std::vector<std::string> ids;
  for (const absl::Duration d : due) {
    const NewResponse r = Detractor();
    ASSERT_TRUE(responses_->Insert("acme", r).ok());
    ASSERT_TRUE(cases_
                    ->Mutate("acme", r.case_id, "", "ann",
                             v1::CaseEvent::KIND_UPDATED,
                             [&](v1::Case& c) -> absl::StatusOr<bool> {
                               *c.mutable_due_time() = ToProto(t + d);
                               return true;
                             })
                    .ok());
    ids.push_back(r.case_id);
  }
  ASSERT_TRUE(responses_->Insert("globex", Detractor()).ok());  // not acme's
  CaseListQuery q;
  q.by_due_time = true;
  q.limit = 1;
  std::vector<std::string> seen;
  for (int page = 0; page < 10; ++page) {
    auto listed = cases_->List("acme", q);
    ASSERT_TRUE(listed.ok()) << listed.status();
    for (const v1::Case& c : listed->cases) {
      seen.push_back(c.name().substr(c.name().rfind('/') + 1));
      q.after_id = seen.back();
      q.after_due_time =
          absl::FromUnixMicros(absl::ToUnixMicros(FromProto(c.due_time())));
    }
    if (!listed->more) break;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{ids[1], ids[2], ids[3], ids[0]}));
}

TEST_F(MysqlCaseStoreTest, ListsCasesOpenedInAPeriod) {
  const NewResponse first = Detractor();
  ASSERT_TRUE(responses_->Insert("acme", first).ok());
  const absl::Time second_opened = clock_.Now() + absl::Milliseconds(1);
  const NewResponse second = Detractor();
  ASSERT_TRUE(responses_->Insert("acme", second).ok());
  CaseListQuery q;
  q.opened_from = second_opened;
  auto page = cases_->List("acme", q);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->cases.size(), 1u);
  EXPECT_EQ(page->cases[0].response(), second.response.name());
  q.opened_from.reset();
  q.opened_before = second_opened;
  page = cases_->List("acme", q);
  ASSERT_EQ(page->cases.size(), 1u);
  EXPECT_EQ(page->cases[0].response(), first.response.name());
}

TEST_F(MysqlCaseStoreTest, VisitsEveryCaseOpenedInAPeriodOnceAcrossPages) {
  // Five cases opened in the same microsecond (ties across pages of two),
  // one just before the period, one at its end, two of another tenant.
  const absl::Time start = clock_.Now() + absl::Seconds(1);
  auto insert = [&](const std::string& tenant, absl::Time opened) {
    NewResponse r = Detractor();
    *r.response.mutable_create_time() = ToProto(opened);
    EXPECT_TRUE(responses_->Insert(tenant, r).ok());
    return r.response.name();
  };
  std::multiset<std::string> expected;
  for (int i = 0; i < 5; ++i) expected.insert(insert("acme", start));
  insert("acme", start - absl::Microseconds(1));
  insert("acme", start + absl::Hours(1));
  insert("globex", start);
  insert("globex", start);

  MysqlCaseStore paged(&db_->pool(), &clock_, /*scan_page=*/2);
  std::multiset<std::string> visited;
  ASSERT_TRUE(paged
                  .ForEachCaseOpened("acme", start, start + absl::Hours(1),
                                     [&](const v1::Case& c) {
                                       visited.insert(c.response());
                                     })
                  .ok());
  EXPECT_EQ(visited, expected);
}

TEST_F(MysqlCaseStoreTest, PoliciesArePerTenant) {
  EXPECT_FALSE(cases_->GetPolicy("acme")->has_value());
  ASSERT_TRUE(cases_->SetPolicy("acme", DefaultClosedLoopPolicy(), clock_.Now()).ok());
  v1::ClosedLoopPolicy smaller;
  ASSERT_TRUE(cases_->SetPolicy("acme", smaller, clock_.Now()).ok());  // replace
  EXPECT_EQ((*cases_->GetPolicy("acme"))->rules_size(), 0);
  EXPECT_FALSE(cases_->GetPolicy("globex")->has_value());
}

}  // namespace
}  // namespace cx::feedback
