// cxctl's CSV import and export, its demo data and its reanalysis against
// the real service in-process.
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "gtest/gtest.h"
#include "tests/services/feedback/feedback_service_fixture.h"
#include "tools/cxctl/csv.h"
#include "tools/cxctl/demo_cases.h"
#include "tools/cxctl/demo_data.h"
#include "tools/cxctl/export_csv.h"
#include "tools/cxctl/import_csv.h"
#include "tools/cxctl/reanalyze.h"

namespace cx {
namespace {

TEST(CsvTest, QuotedFieldsCommasQuotesAndNewlines) {
  std::istringstream in(
      "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"multi\nline\",\n");
  CsvReader csv(&in);
  std::vector<std::string> row;
  ASSERT_TRUE(csv.Next(&row));
  EXPECT_EQ(row, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_TRUE(csv.Next(&row));
  EXPECT_EQ(row, (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ(csv.line(), 2);
  ASSERT_TRUE(csv.Next(&row));
  EXPECT_EQ(row, (std::vector<std::string>{"2", "multi\nline", ""}));
  EXPECT_EQ(csv.line(), 3);
  EXPECT_FALSE(csv.Next(&row));
  EXPECT_EQ(CsvRow({"plain", "a,b", "q\"q"}), "plain,\"a,b\",\"q\"\"q\"\n");
}

TEST(ProgressTest, ShowsRowsRateEtaAndBar) {
  const std::string line =
      ProgressLine(12000, absl::Seconds(2), 500, 1000);
  EXPECT_NE(line.find("12,000 rows"), std::string::npos) << line;
  EXPECT_NE(line.find("6,000 rows/s"), std::string::npos) << line;
  EXPECT_NE(line.find("ETA 2s"), std::string::npos) << line;
  EXPECT_NE(line.find("[##########..........]"), std::string::npos) << line;
  EXPECT_NE(line.find("50%"), std::string::npos) << line;
}

class CxctlImportExportTest : public feedback::FeedbackServiceTest {};

TEST_F(CxctlImportExportTest, ImportsACsvThenExportsIt) {
  const feedback::v1::Survey survey = CreatePublished();
  const std::string path = ::testing::TempDir() + "/import.csv";
  {
    std::ofstream f(path);
    f << "external_id,channel,customer_id,submit_time,q:nps,q:tags,q:comment\n"
      << "x1,email,c-1,2026-01-05T10:00:00Z,9,a|c,\"Fast, friendly\"\n"
      << "x2,sms,c-2,,3,,Awful delivery\n"
      << "x3,sms,c-3,,eleven,,\n"
      << "x4,sms,c-4,last tuesday,8,,\n"
      << "x5, SMS , c-5 , 2026-01-06T10:00:00Z ,10, b | c ,\n";
  }
  ImportCsvOptions options;
  options.path = path;
  options.default_survey = survey.name();
  std::ostringstream progress;
  const std::string token =
      cx::testing::TestToken("acme", {"ingest", "analyst"}, clock_.Now());
  auto summary = ImportCsv(*stub_, token, options, progress);
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->received(), 5);
  EXPECT_EQ(summary->imported(), 3);
  ASSERT_EQ(summary->failed(), 2);
  ASSERT_EQ(summary->errors_size(), 2);
  EXPECT_EQ(summary->errors(0).line(), 4);
  EXPECT_EQ(summary->errors(0).field(), "response.answers[0].score");
  // Not sent at all: stored with the time of the import, it would be wrong.
  EXPECT_EQ(summary->errors(1).line(), 5);
  EXPECT_EQ(summary->errors(1).external_id(), "x4");
  EXPECT_EQ(summary->errors(1).field(), "response.submit_time");
  EXPECT_NE(summary->errors(1).reason().find("last tuesday"), std::string::npos);
  EXPECT_NE(progress.str().find("5 rows"), std::string::npos);

  std::ostringstream csv;
  auto rows = ExportCsv(*stub_, token, "surveys/-", "", csv);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(*rows, 3);
  const std::string text = csv.str();
  EXPECT_NE(text.find("EMAIL,c-1,2026-01-05T10:00:00+00:00"), std::string::npos)
      << text;
  EXPECT_NE(text.find("tags=a|c"), std::string::npos) << text;
  // Padding around cells is dropped.
  EXPECT_NE(text.find("SMS,c-5,2026-01-06T10:00:00+00:00"), std::string::npos)
      << text;
  EXPECT_NE(text.find("tags=b|c"), std::string::npos) << text;
  EXPECT_NE(text.find("NEGATIVE"), std::string::npos) << text;
  EXPECT_NE(text.find("delivery=NEGATIVE"), std::string::npos) << text;
  // "Awful delivery": its language and keywords, after its topics.
  EXPECT_NE(text.find(",en,NEGATIVE,"), std::string::npos) << text;
  EXPECT_NE(text.find("delivery=NEGATIVE,awful|delivery\n"), std::string::npos)
      << text;
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "response,survey_version,channel,customer_id,submit_time,locale,"
            "touchpoint,team,agent,score,answers,language,sentiment,"
            "sentiment_score,topics,topic_sentiments,keywords");
}

class CxctlDemoTest : public feedback::FeedbackServiceTest {};

TEST_F(CxctlDemoTest, DemoCasesShowALoopInMotionAndRerunsChangeNothing) {
  const std::string token =
      cx::testing::TestToken("demo", {"admin", "ingest"}, clock_.Now());
  ASSERT_TRUE(LoadDemoData(*stub_, token, 300, clock_.Now()).ok());
  auto worked = WorkDemoCases(*stub_, token);
  ASSERT_TRUE(worked.ok()) << worked.status();
  ASSERT_GT(worked->cases, 20);
  EXPECT_GT(worked->updates, 0);

  std::map<feedback::v1::Case::State, int> states;
  feedback::v1::ListCasesRequest list;
  list.set_page_size(1000);
  feedback::v1::ListCasesResponse page;
  ASSERT_TRUE(stub_->ListCases(As("demo").get(), list, &page).ok());
  for (const auto& c : page.cases()) {
    ++states[c.state()];
    // Every case someone picked up has an owning team, and every resolved
    // one a root cause.
    if (c.state() != feedback::v1::Case::STATE_OPEN) {
      EXPECT_FALSE(c.owner().empty()) << c.name();
    }
    const bool resolved = c.state() == feedback::v1::Case::STATE_RESOLVED ||
                          c.state() == feedback::v1::Case::STATE_CLOSED;
    EXPECT_EQ(c.root_cause().empty(), !resolved) << c.name();
  }
  EXPECT_EQ(page.cases_size(), worked->cases);
  for (auto state : {feedback::v1::Case::STATE_OPEN,
                     feedback::v1::Case::STATE_IN_PROGRESS,
                     feedback::v1::Case::STATE_RESOLVED,
                     feedback::v1::Case::STATE_CLOSED}) {
    EXPECT_GT(states[state], 0) << feedback::v1::Case::State_Name(state);
  }

  auto again = WorkDemoCases(*stub_, token);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->cases, worked->cases);
  EXPECT_EQ(again->updates, 0);
}

TEST_F(CxctlDemoTest, ReanalysisTagsTheDemosLoginComplaintsWithANewTopic) {
  const std::string token =
      cx::testing::TestToken("demo", {"admin", "ingest"}, clock_.Now());
  ASSERT_TRUE(LoadDemoData(*stub_, token, 300, clock_.Now()).ok());
  // Ingest and reanalysis read the demo's comments alike: with the same
  // taxonomy, nothing changes.
  auto unchanged = Reanalyze(*stub_, token, "surveys/-", "", nullptr);
  ASSERT_TRUE(unchanged.ok()) << unchanged.status();
  EXPECT_EQ(unchanged->changed, 0);

  feedback::v1::UpdateTopicTaxonomyRequest update;
  feedback::v1::TopicDefinition* login = update.mutable_taxonomy()->add_topics();
  login->set_name("login");
  (*login->mutable_keywords())["en"].add_keywords("log in");
  (*login->mutable_keywords())["en"].add_keywords("login");
  feedback::v1::TopicTaxonomy taxonomy;
  ASSERT_TRUE(
      stub_->UpdateTopicTaxonomy(As("demo").get(), update, &taxonomy).ok());

  std::vector<int64_t> seen;
  auto totals = Reanalyze(*stub_, token, "surveys/-", "",
                          [&](const ReanalysisTotals& t) {
                            seen.push_back(t.reanalyzed);
                          });
  ASSERT_TRUE(totals.ok()) << totals.status();
  EXPECT_EQ(totals->reanalyzed, 300);
  EXPECT_EQ(seen, std::vector<int64_t>{300});  // one page of up to 1,000
  feedback::v1::ListResponsesRequest list;
  list.set_parent("surveys/-");
  list.set_filter("topic = \"login\"");
  list.set_page_size(1000);
  feedback::v1::ListResponsesResponse tagged;
  ASSERT_TRUE(stub_->ListResponses(As("demo").get(), list, &tagged).ok());
  EXPECT_GT(tagged.responses_size(), 0);
  for (const auto& r : tagged.responses()) {
    EXPECT_EQ(r.answers(1).text(),
              "I cannot log in since the new login page, so annoying.");
  }
  // Comments lost the built-in topics, and the login ones gained one.
  EXPECT_GE(totals->changed, tagged.responses_size());

  auto again = Reanalyze(*stub_, token, "surveys/-", "", nullptr);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->changed, 0);
}

}  // namespace
}  // namespace cx
