// ImportResponses through the real service (in-process, in-memory stores).
#include <thread>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/services/feedback/feedback_service_fixture.h"

namespace cx::feedback {
namespace {

class FeedbackImportTest : public FeedbackServiceTest {
 protected:
  v1::ImportRecord Record(int line, const std::string& external_id, int nps,
                          cx::type::v1::Channel channel =
                              cx::type::v1::CHANNEL_EMAIL) {
    v1::ImportRecord r;
    r.set_line(line);
    r.set_external_id(external_id);
    r.set_parent(survey_.name());
    *r.mutable_response() = testing::NpsResponse(nps, channel);
    return r;
  }

  v1::ImportResponsesResponse Import(
      const std::vector<std::vector<v1::ImportRecord>>& messages,
      bool open_cases = false) {
    auto ctx = As("acme", {"ingest"});
    v1::ImportResponsesResponse out;
    auto writer = stub_->ImportResponses(ctx.get(), &out);
    bool first = true;
    for (const auto& records : messages) {
      v1::ImportResponsesRequest req;
      if (first) req.mutable_options()->set_open_cases(open_cases);
      first = false;
      for (const auto& r : records) *req.add_records() = r;
      EXPECT_TRUE(writer->Write(req));
    }
    writer->WritesDone();
    EXPECT_TRUE(writer->Finish().ok());
    return out;
  }

  void SetUp() override {
    FeedbackServiceTest::SetUp();
    survey_ = CreatePublished();
  }
  v1::Survey survey_;
};

TEST_F(FeedbackImportTest, CommitsExactlyTheGoodRecordsAndReportsEachBadOne) {
  std::vector<v1::ImportRecord> first, second;
  for (int i = 0; i < 700; ++i) {  // more than one server batch
    first.push_back(Record(i + 2, "ok-" + std::to_string(i), i % 11));
  }
  second.push_back(Record(800, "bad-score", 12));
  second.push_back(Record(801, "bad-channel", 5, cx::type::v1::CHANNEL_UNSPECIFIED));
  second.push_back(Record(802, "", 5));
  v1::ImportRecord wrong_survey = Record(803, "bad-parent", 5);
  wrong_survey.set_parent("surveys/0190f1a2b3c47d8e9f00112233445566");
  second.push_back(wrong_survey);
  const v1::ImportResponsesResponse out = Import({first, second});
  EXPECT_EQ(out.received(), 704);
  EXPECT_EQ(out.imported(), 700);
  EXPECT_EQ(out.failed(), 4);
  ASSERT_EQ(out.errors_size(), 4);
  EXPECT_EQ(out.errors(0).line(), 800);
  EXPECT_EQ(out.errors(0).field(), "response.answers[0].score");
  EXPECT_EQ(out.errors(1).field(), "response.channel");
  EXPECT_EQ(out.errors(2).field(), "external_id");
  EXPECT_EQ(out.errors(3).external_id(), "bad-parent");
  EXPECT_NE(out.errors(3).reason().find("not found"), std::string::npos);
  EXPECT_EQ(CountResponses(survey_.name()), 700);
  // Historical detractors open no cases unless asked.
  v1::ListCasesResponse cases;
  v1::ListCasesRequest list;
  ASSERT_TRUE(stub_->ListCases(As("acme", {"agent"}).get(), list, &cases).ok());
  EXPECT_EQ(cases.cases_size(), 0);
}

TEST_F(FeedbackImportTest, ResendingAFileStoresNothingTwice) {
  std::vector<v1::ImportRecord> records = {Record(2, "a", 9), Record(3, "b", 3),
                                           Record(4, "a", 9)};  // repeated id
  v1::ImportResponsesResponse out = Import({records}, /*open_cases=*/true);
  EXPECT_EQ(out.imported(), 2);
  EXPECT_EQ(out.duplicates(), 1);
  out = Import({records}, /*open_cases=*/true);
  EXPECT_EQ(out.imported(), 0);
  EXPECT_EQ(out.duplicates(), 3);
  EXPECT_EQ(CountResponses(survey_.name()), 2);
  v1::ListCasesResponse cases;
  v1::ListCasesRequest list;
  ASSERT_TRUE(stub_->ListCases(As("acme", {"agent"}).get(), list, &cases).ok());
  EXPECT_EQ(cases.cases_size(), 1);  // "b" (NPS 3), once
}

TEST_F(FeedbackImportTest, ConcurrentImportsShareTheWorkersAndEachStoresAll) {
  // Three imports of three server batches each: more batches in flight at
  // once than the service has import workers.
  constexpr int kImports = 3;
  constexpr int kRecords = 2500;
  std::vector<v1::ImportResponsesResponse> outs(kImports);
  std::vector<std::thread> imports;
  for (int k = 0; k < kImports; ++k) {
    imports.emplace_back([&, k] {
      std::vector<v1::ImportRecord> records;
      for (int i = 0; i < kRecords; ++i) {
        records.push_back(Record(i + 2, absl::StrCat(k, "-", i), i % 11));
      }
      outs[k] = Import({records});
    });
  }
  for (std::thread& t : imports) t.join();
  for (const v1::ImportResponsesResponse& out : outs) {
    EXPECT_EQ(out.received(), kRecords);
    EXPECT_EQ(out.imported(), kRecords);
    EXPECT_EQ(out.failed(), 0);
  }
  EXPECT_EQ(CountResponses(survey_.name()), kImports * kRecords);
}

TEST_F(FeedbackImportTest, AnalystsCannotImport) {
  auto ctx = As("acme", {"analyst"});
  v1::ImportResponsesResponse out;
  auto writer = stub_->ImportResponses(ctx.get(), &out);
  writer->WritesDone();
  EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace cx::feedback
