// What a period's responses say per topic: how often their comments mention
// it, with what sentiment, and the NPS of those who mention it (DESIGN.md's
// NPS arithmetic); and the keywords of comments no topic covers. Pure;
// GetTopicSummary feeds it from the store.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_SUMMARY_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_SUMMARY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "cx/feedback/v1/response.pb.h"
#include "cx/feedback/v1/text_analysis.pb.h"

namespace cx::feedback {

// A response's answers to its survey's first NPS, CSAT and CES questions.
struct SurveyScores {
  std::optional<int> nps;
  std::optional<int> csat;
  std::optional<int> ces;
};

class TopicSummaryBuilder {
 public:
  void Add(const v1::Response& response, const SurveyScores& scores);
  void Add(const v1::Response& response, std::optional<int> nps_score) {
    Add(response, SurveyScores{.nps = nps_score});
  }

  v1::TopicSummary Build() const;

 private:
  struct NpsCounts {
    int64_t n = 0;
    int64_t promoters = 0;
    int64_t detractors = 0;
    void Add(int score);
    void Fill(v1::NpsSummary* out) const;
  };
  // CSAT or CES answers: from `top_box_from` up is the top box.
  struct ScaleCounts {
    int top_box_from = 0;
    bool headline_is_mean = false;  // CES; CSAT's is the top-box share
    int64_t n = 0;
    int64_t top_box = 0;
    double sum = 0;
    double sum_of_squares = 0;
    void Add(int score);
    void Fill(v1::ScaleSummary* out) const;
  };
  static ScaleCounts CsatCounts();
  static ScaleCounts CesCounts();
  // Everything counted per set of responses (the period's, a topic's).
  struct ScoreCounts {
    NpsCounts nps;
    ScaleCounts csat = CsatCounts();
    ScaleCounts ces = CesCounts();
    void Add(const SurveyScores& scores);
  };

  struct TopicCounts {
    int64_t mentions = 0;
    int64_t positive = 0;
    int64_t neutral = 0;
    int64_t negative = 0;
    int64_t mixed = 0;
    double sentiment_sum = 0;
    ScoreCounts scores;
    // Bounded to kExamples each, in the order they are reported.
    std::vector<v1::TopicComment> most_negative;
    std::vector<v1::TopicComment> most_positive;
  };

  struct KeywordCounts {
    int64_t responses = 0;
    int64_t negative = 0;
    v1::TopicComment example;  // the most negative comment, earliest first
  };

  // Counts the keywords of a commented response that mentions no topic.
  void AddUncovered(const v1::Response& response);
  // Drops the rarest keywords until at most half of kMaxKeywords remain.
  void PruneKeywords();

  int64_t responses_ = 0;
  int64_t commented_ = 0;
  int64_t without_topic_ = 0;
  ScoreCounts scores_;
  std::map<std::string, TopicCounts> topics_;
  absl::flat_hash_map<std::string, KeywordCounts> keywords_;
};

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_SUMMARY_H_
