// Closed-loop cases through the real service (in-process, in-memory stores).
#include <thread>

#include "common/grpc/status_conversion.h"
#include "common/proto_date.h"
#include "common/proto_time.h"
#include "services/feedback/domain/business_hours.h"
#include "services/feedback/domain/closed_loop.h"
#include "gtest/gtest.h"
#include "tests/services/feedback/feedback_service_fixture.h"
#include "tests/testing/status_fields.h"

namespace cx::feedback {
namespace {

using cx::testing::BadRequestFields;
using grpc::StatusCode;

class FeedbackCasesTest : public FeedbackServiceTest {
 protected:
  void SetUp() override {
    FeedbackServiceTest::SetUp();
    // Far longer than any test: events must wake watchers, not the timer.
    service_->set_watch_poll_interval(absl::Seconds(30));
    survey_ = CreatePublished();
  }

  // Submits an NPS response; returns the case it opened, if any.
  std::optional<v1::Case> Answer(int nps, const std::string& request_id = "") {
    v1::Response out;
    EXPECT_TRUE(Submit(survey_.name(), testing::NpsResponse(nps), &out,
                       request_id)
                    .ok());
    v1::ListCasesResponse cases = List("");
    for (const auto& c : cases.cases()) {
      if (c.response() == out.name()) return c;
    }
    return std::nullopt;
  }

  v1::ListCasesResponse List(const std::string& filter) {
    v1::ListCasesRequest req;
    req.set_filter(filter);
    req.set_page_size(1000);
    v1::ListCasesResponse out;
    EXPECT_TRUE(stub_->ListCases(As("acme", {"agent"}).get(), req, &out).ok());
    return out;
  }

  grpc::Status Update(const v1::Case& c, std::vector<std::string> paths,
                      v1::Case* out, const std::string& note = "") {
    v1::UpdateCaseRequest req;
    *req.mutable_case_() = c;
    for (auto& p : paths) req.mutable_update_mask()->add_paths(p);
    req.set_note(note);
    return stub_->UpdateCase(As("acme", {"agent"}).get(), req, out);
  }

  // Reads events from WatchCases(after, owner) until `count` arrived (or
  // ten seconds passed).
  std::vector<v1::CaseEvent> Watch(int64_t after, size_t count,
                                   const std::string& owner = "") {
    auto ctx = As("acme", {"analyst"});
    ctx->set_deadline(std::chrono::system_clock::now() +
                      std::chrono::seconds(10));
    v1::WatchCasesRequest req;
    req.set_after_sequence(after);
    req.set_owner(owner);
    auto reader = stub_->WatchCases(ctx.get(), req);
    std::vector<v1::CaseEvent> events;
    v1::CaseEvent event;
    while (events.size() < count && reader->Read(&event)) events.push_back(event);
    ctx->TryCancel();  // the client goes away mid-stream
    (void)reader->Finish();
    return events;
  }

  // A rule opening a case for NPS <= max_score.
  static v1::CaseRule NpsRule(const std::string& id, v1::CasePriority priority,
                              int max_score) {
    v1::CaseRule rule;
    rule.set_id(id);
    rule.set_priority(priority);
    rule.mutable_score_at_most()->set_question_type("QUESTION_TYPE_NPS");
    rule.mutable_score_at_most()->set_score(max_score);
    return rule;
  }

  v1::Survey survey_;
};

TEST_F(FeedbackCasesTest, DetractorsOpenCasesPromotersDoNot) {
  const auto urgent = Answer(2);
  ASSERT_TRUE(urgent.has_value());
  EXPECT_EQ(urgent->priority(), v1::CASE_PRIORITY_URGENT);
  EXPECT_EQ(urgent->state(), v1::Case::STATE_OPEN);
  EXPECT_EQ(urgent->customer_id(), "cust-1");
  EXPECT_EQ(FromProto(urgent->due_time()), clock_.Now() + absl::Hours(4));
  EXPECT_EQ(Answer(5)->priority(), v1::CASE_PRIORITY_HIGH);
  EXPECT_FALSE(Answer(7).has_value());
  EXPECT_FALSE(Answer(10).has_value());
  EXPECT_EQ(List("").cases_size(), 2);
}

TEST_F(FeedbackCasesTest, RetriedSubmitOpensOneCase) {
  ASSERT_TRUE(Answer(1, "retry-7").has_value());
  Answer(1, "retry-7");
  EXPECT_EQ(List("").cases_size(), 1);
}

TEST_F(FeedbackCasesTest, TransitionsNotesAndEtags) {
  v1::Case c = *Answer(4);
  v1::Case out;
  c.set_state(v1::Case::STATE_CLOSED);  // OPEN -> CLOSED skips resolution
  grpc::Status s = Update(c, {"state"}, &out);
  EXPECT_EQ(s.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "INVALID_CASE_TRANSITION");

  c.set_state(v1::Case::STATE_IN_PROGRESS);
  c.set_owner("employees/agent-7");
  ASSERT_TRUE(Update(c, {"state", "owner"}, &out, "Called the customer").ok());
  EXPECT_EQ(out.state(), v1::Case::STATE_IN_PROGRESS);
  EXPECT_EQ(out.owner(), "employees/agent-7");
  ASSERT_EQ(out.notes_size(), 1);
  EXPECT_EQ(out.notes(0).author(), "test-user");
  EXPECT_EQ(FromProto(out.first_response_time()), clock_.Now());
  // The old etag is stale now.
  s = Update(c, {"state"}, &out);
  EXPECT_EQ(s.error_code(), StatusCode::ABORTED);

  v1::Case current = out;
  current.set_state(v1::Case::STATE_RESOLVED);
  ASSERT_TRUE(Update(current, {"state"}, &out).ok());
  EXPECT_EQ(FromProto(out.resolve_time()), clock_.Now());
  current = out;
  current.set_state(v1::Case::STATE_OPEN);  // reopen
  ASSERT_TRUE(Update(current, {"state"}, &out).ok());
  EXPECT_EQ(out.state(), v1::Case::STATE_OPEN);
  EXPECT_FALSE(out.has_resolve_time());

  // The full history: opened, then four changes, each with its actor.
  v1::ListCaseEventsRequest history;
  history.set_parent(c.name());
  history.set_page_size(3);
  v1::ListCaseEventsResponse page;
  ASSERT_TRUE(
      stub_->ListCaseEvents(As("acme", {"analyst"}).get(), history, &page).ok());
  ASSERT_EQ(page.events_size(), 3);
  EXPECT_EQ(page.events(0).kind(), v1::CaseEvent::KIND_OPENED);
  EXPECT_EQ(page.events(1).actor(), "test-user");
  EXPECT_EQ(page.events(1).case_().notes(0).text(), "Called the customer");
  history.set_page_token(page.next_page_token());
  ASSERT_TRUE(
      stub_->ListCaseEvents(As("acme", {"analyst"}).get(), history, &page).ok());
  ASSERT_EQ(page.events_size(), 1);
  EXPECT_EQ(page.events(0).case_().state(), v1::Case::STATE_OPEN);  // reopened
  EXPECT_TRUE(page.next_page_token().empty());
  EXPECT_EQ(stub_->ListCaseEvents(As("globex", {"analyst"}).get(), history, &page)
                .error_code(),
            StatusCode::NOT_FOUND);

  current = out;
  current.set_owner("somebody");
  current.set_priority(v1::CASE_PRIORITY_UNSPECIFIED);
  EXPECT_EQ(BadRequestFields(Update(current, {"owner", "priority"}, &out)),
            (std::vector<std::string>{"case.priority", "case.owner"}));
  EXPECT_EQ(BadRequestFields(Update(current, {"colour"}, &out)),
            std::vector<std::string>{"update_mask"});
}

TEST_F(FeedbackCasesTest, OnlyAgentsAndAdminsWorkCases) {
  v1::Case c = *Answer(0);
  v1::UpdateCaseRequest req;
  *req.mutable_case_() = c;
  v1::Case out;
  EXPECT_EQ(stub_->UpdateCase(As("acme", {"analyst"}).get(), req, &out)
                .error_code(),
            StatusCode::PERMISSION_DENIED);
  v1::GetCaseRequest get;
  get.set_name(c.name());
  EXPECT_EQ(stub_->GetCase(As("globex", {"admin"}).get(), get, &out).error_code(),
            StatusCode::NOT_FOUND);
}

TEST_F(FeedbackCasesTest, OverdueCasesAreEscalatedOnceAndListed) {
  const v1::Case high = *Answer(5);  // due in 24 h
  const v1::Case urgent = *Answer(1);  // due in 4 h
  clock_.Advance(absl::Hours(5));
  EXPECT_EQ(List("overdue = true").cases_size(), 1);
  ASSERT_EQ(*service_->EscalateOverdueCases(), 1);
  ASSERT_EQ(*service_->EscalateOverdueCases(), 0);  // not twice
  v1::GetCaseRequest get;
  get.set_name(urgent.name());
  v1::Case after;
  ASSERT_TRUE(stub_->GetCase(As("acme", {"agent"}).get(), get, &after).ok());
  EXPECT_EQ(after.escalations(), 1);
  EXPECT_FALSE(after.overdue());  // a new deadline
  EXPECT_EQ(FromProto(after.due_time()), clock_.Now() + absl::Hours(4));
  clock_.Advance(absl::Hours(20));
  EXPECT_EQ(*service_->EscalateOverdueCases(), 2);
  get.set_name(high.name());
  ASSERT_TRUE(stub_->GetCase(As("acme", {"agent"}).get(), get, &after).ok());
  EXPECT_EQ(after.priority(), v1::CASE_PRIORITY_URGENT);
  EXPECT_EQ(List("priority = URGENT").cases_size(), 2);
  v1::ListCasesRequest bad;
  bad.set_filter("overdue = maybe");
  v1::ListCasesResponse ignored;
  EXPECT_EQ(BadRequestFields(
                stub_->ListCases(As("acme", {"agent"}).get(), bad, &ignored)),
            std::vector<std::string>{"filter"});
}

TEST_F(FeedbackCasesTest, WatchResumesWithoutLossOrDuplicates) {
  for (int i = 0; i < 3; ++i) Answer(i);  // events 1, 2, 3
  const std::vector<v1::CaseEvent> first = Watch(0, 2);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].sequence(), 1);
  EXPECT_EQ(first[1].sequence(), 2);
  EXPECT_EQ(first[0].kind(), v1::CaseEvent::KIND_OPENED);

  // While the client is away: a change and a new case (events 4, 5).
  v1::Case c = first[0].case_();
  c.set_state(v1::Case::STATE_IN_PROGRESS);
  v1::Case out;
  ASSERT_TRUE(Update(c, {"state"}, &out).ok());
  Answer(3);

  std::vector<v1::CaseEvent> resumed;
  std::thread watcher([&] { resumed = Watch(first.back().sequence(), 4); });
  // An event that happens while the stream is open arrives live.
  clock_.Advance(absl::Minutes(1));
  Answer(6);
  watcher.join();
  ASSERT_EQ(resumed.size(), 4u);
  for (size_t i = 0; i < resumed.size(); ++i) {
    EXPECT_EQ(resumed[i].sequence(), static_cast<int64_t>(i) + 3);
  }
  EXPECT_EQ(resumed[1].kind(), v1::CaseEvent::KIND_UPDATED);
  EXPECT_EQ(resumed[1].actor(), "test-user");
  EXPECT_EQ(resumed[1].case_().state(), v1::Case::STATE_IN_PROGRESS);
}

TEST_F(FeedbackCasesTest, WatchByOwnerSeesCasesArriveAndLeave) {
  v1::Case a = *Answer(1);  // events 1-3: opened, unassigned
  v1::Case b = *Answer(2);
  Answer(3);
  v1::Case out;
  a.set_owner("teams/care");
  ASSERT_TRUE(Update(a, {"owner"}, &a).ok());  // 4: arrives at care
  b.set_owner("teams/billing");
  ASSERT_TRUE(Update(b, {"owner"}, &out).ok());  // 5: not care's
  a.set_state(v1::Case::STATE_IN_PROGRESS);
  ASSERT_TRUE(Update(a, {"state"}, &a).ok());  // 6: care works it
  a.set_owner("teams/billing");
  ASSERT_TRUE(Update(a, {"owner"}, &a).ok());  // 7: leaves care

  const std::vector<v1::CaseEvent> care = Watch(0, 3, "teams/care");
  ASSERT_EQ(care.size(), 3u);
  EXPECT_EQ(care[0].sequence(), 4);
  EXPECT_EQ(care[0].previous_owner(), "");
  EXPECT_EQ(care[1].sequence(), 6);
  EXPECT_EQ(care[2].sequence(), 7);
  EXPECT_EQ(care[2].case_().owner(), "teams/billing");
  EXPECT_EQ(care[2].previous_owner(), "teams/care");
  // Resuming after the last event seen skips what is not care's, once.
  const std::vector<v1::CaseEvent> resumed = Watch(4, 2, "teams/care");
  ASSERT_EQ(resumed.size(), 2u);
  EXPECT_EQ(resumed[0].sequence(), 6);
  EXPECT_EQ(resumed[1].sequence(), 7);
  const std::vector<v1::CaseEvent> billing = Watch(0, 2, "teams/billing");
  ASSERT_EQ(billing.size(), 2u);
  EXPECT_EQ(billing[0].sequence(), 5);
  EXPECT_EQ(billing[1].sequence(), 7);

  auto ctx = As("acme", {"analyst"});
  v1::WatchCasesRequest req;
  req.set_owner("care");
  auto reader = stub_->WatchCases(ctx.get(), req);
  v1::CaseEvent event;
  EXPECT_FALSE(reader->Read(&event));
  EXPECT_EQ(BadRequestFields(reader->Finish()),
            std::vector<std::string>{"owner"});
}

TEST_F(FeedbackCasesTest, TopicSentimentRulesOpenCasesForComplaintsAboutATopic) {
  v1::UpdateClosedLoopPolicyRequest req;
  v1::CaseRule* rule = req.mutable_policy()->add_rules();
  rule->set_id("billing complaint");
  rule->set_priority(v1::CASE_PRIORITY_MEDIUM);
  rule->set_owner("teams/billing");
  rule->mutable_topic_sentiment_at_most()->set_topic("billing");
  rule->mutable_topic_sentiment_at_most()->set_score(-0.2);
  v1::ClosedLoopPolicy out;
  ASSERT_TRUE(
      stub_->UpdateClosedLoopPolicy(As("acme", {"admin"}).get(), req, &out).ok());
  auto submit = [&](const std::string& comment) {
    v1::Response r = testing::NpsResponse(9);
    v1::Answer* text = r.add_answers();
    text->set_question_id("comment");
    text->set_text(comment);
    v1::Response stored;
    EXPECT_TRUE(Submit(survey_.name(), r, &stored).ok());
    return stored.name();
  };
  const std::string complaint =
      submit("Fast delivery, but the invoice was wrong again.");
  submit("Fast delivery and the invoice was clear.");
  submit("The delivery was late, but billing was easy.");
  const v1::ListCasesResponse cases = List("");
  ASSERT_EQ(cases.cases_size(), 1);
  EXPECT_EQ(cases.cases(0).response(), complaint);
  EXPECT_EQ(cases.cases(0).owner(), "teams/billing");
}

TEST_F(FeedbackCasesTest, TenantPolicyReplacesTheDefault) {
  v1::UpdateClosedLoopPolicyRequest req;
  v1::CaseRule* rule = req.mutable_policy()->add_rules();
  *rule = NpsRule("passive", v1::CASE_PRIORITY_LOW, 8);
  v1::ClosedLoopPolicy out;
  EXPECT_EQ(stub_->UpdateClosedLoopPolicy(As("acme", {"agent"}).get(), req, &out)
                .error_code(),
            StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(
      stub_->UpdateClosedLoopPolicy(As("acme", {"admin"}).get(), req, &out).ok());
  EXPECT_EQ(Answer(8)->priority(), v1::CASE_PRIORITY_LOW);
  EXPECT_FALSE(Answer(9).has_value());
  v1::ClosedLoopPolicy got;
  ASSERT_TRUE(stub_->GetClosedLoopPolicy(As("acme", {"analyst"}).get(), {}, &got)
                  .ok());
  EXPECT_EQ(got.rules_size(), 1);
  // Other tenants keep the default.
  ASSERT_TRUE(stub_->GetClosedLoopPolicy(As("globex", {"analyst"}).get(), {}, &got)
                  .ok());
  EXPECT_EQ(got.rules_size(), DefaultClosedLoopPolicy().rules_size());
  rule->set_priority(v1::CASE_PRIORITY_UNSPECIFIED);
  EXPECT_EQ(BadRequestFields(stub_->UpdateClosedLoopPolicy(
                As("acme", {"admin"}).get(), req, &out)),
            std::vector<std::string>{"policy.rules[0].priority"});
}

TEST_F(FeedbackCasesTest, ScopedRulesRouteCasesToTheirOwners) {
  v1::UpdateClosedLoopPolicyRequest req;
  v1::CaseRule* web = req.mutable_policy()->add_rules();
  *web = NpsRule("web detractor", v1::CASE_PRIORITY_HIGH, 6);
  web->mutable_scope()->add_surveys(survey_.name());
  web->mutable_scope()->add_channels(cx::type::v1::CHANNEL_WEB);
  web->set_owner("teams/digital");
  v1::ClosedLoopPolicy out;
  ASSERT_TRUE(
      stub_->UpdateClosedLoopPolicy(As("acme", {"admin"}).get(), req, &out).ok());

  // testing::NpsResponse answers on the web.
  const auto routed = Answer(3);
  ASSERT_TRUE(routed.has_value());
  EXPECT_EQ(routed->owner(), "teams/digital");
  EXPECT_EQ(routed->reasons(0), "web detractor: nps = 3");
  v1::Response by_phone = testing::NpsResponse(3);
  by_phone.set_channel(cx::type::v1::CHANNEL_PHONE);
  v1::Response stored;
  ASSERT_TRUE(Submit(survey_.name(), by_phone, &stored).ok());
  const v1::ListCasesResponse digital = List("owner = \"teams/digital\"");
  ASSERT_EQ(digital.cases_size(), 1);
  EXPECT_EQ(digital.cases(0).name(), routed->name());
  EXPECT_EQ(List("").cases_size(), 1);  // the phone detractor is out of scope
}

TEST_F(FeedbackCasesTest, BusinessHoursSetDeadlinesInWorkingTime) {
  v1::UpdateClosedLoopPolicyRequest req;
  *req.mutable_policy()->add_rules() =
      NpsRule("detractor", v1::CASE_PRIORITY_HIGH, 6);
  v1::BusinessHours* hours = req.mutable_policy()->mutable_business_hours();
  hours->set_time_zone("Mars/Olympus");
  hours->add_days(google::type::WEDNESDAY);
  hours->mutable_start_time()->set_hours(10);
  hours->mutable_end_time()->set_hours(12);
  hours->add_holidays()->set_year(2026);  // no month or day
  v1::ClosedLoopPolicy out;
  EXPECT_EQ(BadRequestFields(stub_->UpdateClosedLoopPolicy(
                As("acme", {"admin"}).get(), req, &out)),
            (std::vector<std::string>{"policy.business_hours.time_zone",
                                      "policy.business_hours.holidays[0]"}));
  hours->set_time_zone("America/New_York");
  hours->clear_holidays();
  ASSERT_TRUE(
      stub_->UpdateClosedLoopPolicy(As("acme", {"admin"}).get(), req, &out).ok());
  const auto c = Answer(2);
  ASSERT_TRUE(c.has_value());
  // 24 working hours at two a week: the twelfth Wednesday from now (give or
  // take a daylight saving hour).
  const absl::Time due = FromProto(c->due_time());
  EXPECT_EQ(due, AddWorkingTime(*hours, clock_.Now(), absl::Hours(24)));
  EXPECT_GT(due, clock_.Now() + absl::Hours(24 * 7 * 11 - 1));
  EXPECT_LT(due, clock_.Now() + absl::Hours(24 * 7 * 12 + 1));

  // The next four Wednesdays off: the same SLA runs four weeks longer.
  absl::TimeZone new_york;
  ASSERT_TRUE(absl::LoadTimeZone("America/New_York", &new_york));
  const absl::CivilDay today = absl::ToCivilDay(clock_.Now(), new_york);
  for (absl::CivilDay d = today; d < today + 28; ++d) {
    if (absl::GetWeekday(d) == absl::Weekday::wednesday) {
      *hours->add_holidays() = ToDate(d);
    }
  }
  ASSERT_TRUE(
      stub_->UpdateClosedLoopPolicy(As("acme", {"admin"}).get(), req, &out).ok());
  EXPECT_EQ(out.business_hours().holidays_size(), 4);
  const auto later = Answer(2);
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(FromProto(later->due_time()),
            AddWorkingTime(*hours, clock_.Now(), absl::Hours(24)));
  EXPECT_GT(FromProto(later->due_time()), due + absl::Hours(24 * 7 * 4 - 1));
}

TEST_F(FeedbackCasesTest, RootCausesAreRecordedRequiredByPolicyAndCounted) {
  const absl::Time start = clock_.Now();
  v1::Case a = *Answer(2);
  v1::Case b = *Answer(3);
  v1::Case out;
  // Invalid codes are refused by field.
  a.set_root_cause("Billing errors");
  EXPECT_EQ(BadRequestFields(Update(a, {"root_cause"}, &out)),
            std::vector<std::string>{"case.root_cause"});
  // Without the policy, a case resolves without one.
  b.set_state(v1::Case::STATE_RESOLVED);
  ASSERT_TRUE(Update(b, {"state"}, &out).ok());

  v1::UpdateClosedLoopPolicyRequest policy;
  *policy.mutable_policy() = DefaultClosedLoopPolicy();
  policy.mutable_policy()->set_require_root_cause(true);
  v1::ClosedLoopPolicy stored;
  ASSERT_TRUE(stub_->UpdateClosedLoopPolicy(As("acme", {"admin"}).get(), policy,
                                            &stored)
                  .ok());
  a.set_state(v1::Case::STATE_RESOLVED);
  a.clear_root_cause();
  grpc::Status s = Update(a, {"state"}, &out);
  EXPECT_EQ(s.error_code(), StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ReasonOf(s), "ROOT_CAUSE_REQUIRED");
  a.set_root_cause("billing");
  ASSERT_TRUE(Update(a, {"state", "root_cause"}, &out).ok());
  EXPECT_EQ(out.root_cause(), "billing");
  EXPECT_EQ(out.state(), v1::Case::STATE_RESOLVED);
  // Nor can a resolved case lose its root cause under the policy.
  v1::Case cleared = out;
  cleared.clear_root_cause();
  EXPECT_EQ(Update(cleared, {"root_cause"}, &cleared).error_code(),
            StatusCode::FAILED_PRECONDITION);
  // b, resolved before the policy, still takes a note and closes.
  v1::GetCaseRequest get;
  get.set_name(b.name());
  v1::Case legacy;
  ASSERT_TRUE(stub_->GetCase(As("acme", {"agent"}).get(), get, &legacy).ok());
  legacy.set_state(v1::Case::STATE_CLOSED);
  ASSERT_TRUE(Update(legacy, {"state"}, &legacy, "Customer confirmed").ok());
  EXPECT_EQ(legacy.state(), v1::Case::STATE_CLOSED);

  v1::GetCaseStatisticsRequest req;
  *req.mutable_start_time() = ToProto(start);
  *req.mutable_end_time() = ToProto(start + absl::Hours(1));
  v1::CaseStatistics stats;
  ASSERT_TRUE(
      stub_->GetCaseStatistics(As("acme", {"analyst"}).get(), req, &stats).ok());
  ASSERT_EQ(stats.root_causes_size(), 2);
  EXPECT_EQ(stats.root_causes(0).root_cause(), "");  // b, before the policy
  EXPECT_EQ(stats.root_causes(1).root_cause(), "billing");
  EXPECT_DOUBLE_EQ(stats.root_causes(1).share(), 50);
  // From the count to the cases.
  ASSERT_EQ(List("root_cause = \"billing\"").cases_size(), 1);
  EXPECT_EQ(List("root_cause = \"billing\"").cases(0).name(), a.name());
  EXPECT_EQ(List("root_cause = \"\" AND state = CLOSED").cases_size(), 1);
  v1::ListCasesRequest bad;
  bad.set_filter("root_cause = \"Billing!\"");
  v1::ListCasesResponse none;
  EXPECT_EQ(BadRequestFields(
                stub_->ListCases(As("acme", {"agent"}).get(), bad, &none)),
            std::vector<std::string>{"filter"});
}

TEST_F(FeedbackCasesTest, AnAgentsQueueListsTheEarliestDeadlineFirst) {
  const v1::Case high = *Answer(5);  // HIGH: due in 24 h
  clock_.Advance(absl::Hours(1));
  const v1::Case urgent = *Answer(2);  // URGENT: due in 4 h, at 5 h
  clock_.Advance(absl::Hours(1));
  const v1::Case later = *Answer(5);  // HIGH again: due at 26 h
  auto names = [&](const std::string& order_by) {
    v1::ListCasesRequest req;
    req.set_order_by(order_by);
    req.set_page_size(1);
    std::vector<std::string> out;
    for (int page = 0; page < 10; ++page) {
      v1::ListCasesResponse listed;
      EXPECT_TRUE(
          stub_->ListCases(As("acme", {"agent"}).get(), req, &listed).ok());
      for (const auto& c : listed.cases()) out.push_back(c.name());
      if (listed.next_page_token().empty()) break;
      req.set_page_token(listed.next_page_token());
    }
    return out;
  };
  EXPECT_EQ(names("due_time"),
            (std::vector<std::string>{urgent.name(), high.name(), later.name()}));
  EXPECT_EQ(names(""),
            (std::vector<std::string>{high.name(), urgent.name(), later.name()}));
  EXPECT_EQ(names("create_time"), names(""));

  v1::ListCasesRequest bad;
  bad.set_order_by("priority desc");
  v1::ListCasesResponse out;
  EXPECT_EQ(BadRequestFields(stub_->ListCases(As("acme", {"agent"}).get(), bad, &out)),
            std::vector<std::string>{"order_by"});
  // A token of one order does not page another.
  v1::ListCasesRequest first;
  first.set_page_size(1);
  ASSERT_TRUE(stub_->ListCases(As("acme", {"agent"}).get(), first, &out).ok());
  bad.set_order_by("due_time");
  bad.set_page_token(out.next_page_token());
  EXPECT_EQ(BadRequestFields(stub_->ListCases(As("acme", {"agent"}).get(), bad, &out)),
            std::vector<std::string>{"page_token"});
}

TEST_F(FeedbackCasesTest, StatisticsShowHowTheLoopPerformsOverAPeriod) {
  const absl::Time start = clock_.Now();
  v1::Case handled = *Answer(2);  // URGENT: 4 h
  Answer(5);                      // HIGH, left alone
  clock_.Advance(absl::Hours(1));
  handled.set_state(v1::Case::STATE_IN_PROGRESS);
  handled.set_owner("teams/care");
  v1::Case out;
  ASSERT_TRUE(Update(handled, {"state", "owner"}, &out).ok());
  clock_.Advance(absl::Hours(2));
  out.set_state(v1::Case::STATE_RESOLVED);
  ASSERT_TRUE(Update(out, {"state"}, &out).ok());
  clock_.Advance(absl::Hours(30));  // the HIGH case is overdue now
  Answer(1);                        // opened after the period

  v1::GetCaseStatisticsRequest req;
  *req.mutable_start_time() = ToProto(start);
  *req.mutable_end_time() = ToProto(start + absl::Hours(1));
  v1::CaseStatistics stats;
  ASSERT_TRUE(
      stub_->GetCaseStatistics(As("acme", {"analyst"}).get(), req, &stats).ok());
  EXPECT_EQ(stats.total().opened(), 2);
  EXPECT_EQ(stats.total().responded(), 1);
  EXPECT_EQ(stats.total().resolved(), 1);
  EXPECT_EQ(stats.total().resolved_within_sla(), 1);
  EXPECT_EQ(stats.total().overdue(), 1);
  EXPECT_EQ(FromProto(stats.total().median_time_to_first_response()),
            absl::Hours(1));
  EXPECT_EQ(FromProto(stats.total().median_time_to_resolve()), absl::Hours(3));
  ASSERT_EQ(stats.owners_size(), 2);
  EXPECT_EQ(stats.owners(0).opened(), 1);
  EXPECT_EQ(stats.owners(1).opened(), 1);
  // Other tenants' cases never count.
  ASSERT_TRUE(
      stub_->GetCaseStatistics(As("globex", {"analyst"}).get(), req, &stats).ok());
  EXPECT_EQ(stats.total().opened(), 0);

  // The same period as a ListCases filter.
  const std::string period = absl::StrCat(
      "create_time >= \"", absl::FormatTime(absl::RFC3339_full, start,
                                            absl::UTCTimeZone()),
      "\" AND create_time < \"",
      absl::FormatTime(absl::RFC3339_full, start + absl::Hours(1),
                       absl::UTCTimeZone()),
      "\"");
  EXPECT_EQ(List(period).cases_size(), 2);
  EXPECT_EQ(List("").cases_size(), 3);

  req.clear_start_time();
  *req.mutable_end_time() = ToProto(start - absl::Hours(1));
  EXPECT_EQ(BadRequestFields(stub_->GetCaseStatistics(
                As("acme", {"analyst"}).get(), req, &stats)),
            std::vector<std::string>{"start_time"});
  *req.mutable_start_time() = ToProto(start);
  EXPECT_EQ(BadRequestFields(stub_->GetCaseStatistics(
                As("acme", {"analyst"}).get(), req, &stats)),
            std::vector<std::string>{"end_time"});
  req.mutable_start_time()->set_seconds(int64_t{1} << 60);  // past year 9999
  EXPECT_EQ(BadRequestFields(stub_->GetCaseStatistics(
                As("acme", {"analyst"}).get(), req, &stats)),
            std::vector<std::string>{"start_time"});
}

}  // namespace
}  // namespace cx::feedback
