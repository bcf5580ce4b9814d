// Accuracy of the text pipeline on the hand-labelled sets in eval/, dev/ and
// holdout/: sentiment label and language per language. The floors are what
// the pipeline reached when they were set; a change that lowers accuracy
// fails here.
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "services/feedback/domain/text/text_analyzer.h"

namespace cx::feedback::text {
namespace {

struct Example {
  std::string label;
  std::string text;
};

std::vector<Example> Load(const std::string& set, const std::string& language) {
  std::ifstream in(std::string(CX_SOURCE_DIR) + "/tests/services/feedback/text/" +
                   set + "/" + language + ".tsv");
  std::vector<Example> examples;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> parts = absl::StrSplit(line, absl::MaxSplits('\t', 1));
    if (parts.size() == 2) examples.push_back({parts[0], parts[1]});
  }
  return examples;
}

std::string Label(v1::TextAnalysis::Sentiment s) {
  switch (s) {
    case v1::TextAnalysis::SENTIMENT_POSITIVE: return "positive";
    case v1::TextAnalysis::SENTIMENT_NEGATIVE: return "negative";
    case v1::TextAnalysis::SENTIMENT_MIXED: return "mixed";
    default: return "neutral";
  }
}

struct Case {
  std::string set;  // eval and dev (tuned on) or holdout (never tuned on)
  std::string language;
  double sentiment_floor;
  double language_floor;
};

class TextEvalTest : public ::testing::TestWithParam<Case> {};

TEST_P(TextEvalTest, AccuracyStaysAboveItsFloor) {
  const Case& c = GetParam();
  const std::string& language = c.language;
  const std::vector<Example> examples = Load(c.set, language);
  ASSERT_GE(examples.size(), c.set == "eval" ? 50u : 20u);
  int sentiment_ok = 0, language_ok = 0;
  std::ostringstream misses;
  for (const Example& e : examples) {
    const v1::TextAnalysis a = TextAnalyzer::Default().Analyze(e.text);
    if (Label(a.sentiment()) == e.label) {
      ++sentiment_ok;
    } else {
      misses << "  want " << e.label << " got " << Label(a.sentiment()) << " ("
             << a.sentiment_score() << ", " << a.language() << "): " << e.text
             << "\n";
    }
    language_ok += a.language() == language;
  }
  const double sentiment = 1.0 * sentiment_ok / examples.size();
  const double identified = 1.0 * language_ok / examples.size();
  std::printf("%s %s: sentiment accuracy %.2f, language identification %.2f (n=%zu)\n",
              c.set.c_str(), language.c_str(), sentiment, identified,
              examples.size());
  EXPECT_GE(sentiment, c.sentiment_floor - 1e-9) << misses.str();
  EXPECT_GE(identified, c.language_floor - 1e-9);
}

// Floors: the accuracy reached when they were set (see the closing note of
// the text-analytics work). Raise them when the pipeline improves.
INSTANTIATE_TEST_SUITE_P(
    Languages, TextEvalTest,
    ::testing::Values(Case{"eval", "en", 1.00, 1.00},
                      Case{"eval", "sv", 0.96, 1.00},
                      Case{"eval", "da", 1.00, 0.94},
                      Case{"eval", "nl", 0.96, 1.00},
                      Case{"eval", "de", 0.92, 1.00},
                      Case{"dev", "en", 0.90, 1.00},
                      Case{"dev", "sv", 0.85, 0.95},
                      Case{"dev", "da", 0.85, 1.00},
                      Case{"dev", "nl", 0.95, 1.00},
                      Case{"dev", "de", 0.85, 1.00},
                      Case{"holdout", "en", 1.00, 1.00},
                      Case{"holdout", "sv", 0.95, 0.95},
                      Case{"holdout", "da", 1.00, 0.95},
                      Case{"holdout", "nl", 0.95, 1.00},
                      Case{"holdout", "de", 0.84, 1.00}),
    [](const auto& info) { return info.param.set + "_" + info.param.language; });

}  // namespace
}  // namespace cx::feedback::text
