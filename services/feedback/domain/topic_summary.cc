#include "services/feedback/domain/topic_summary.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "common/confidence.h"
#include "common/nps.h"
#include "common/proportions.h"
#include "common/top_box.h"
#include "services/feedback/domain/topic_mentions.h"

namespace cx::feedback {
namespace {

constexpr size_t kExamples = 3;
constexpr size_t kExampleChars = 500;
// Uncovered keywords listed, and the fewest responses one must appear in.
constexpr size_t kUncoveredKeywords = 20;
constexpr int64_t kMinKeywordResponses = 2;
// Distinct uncovered keywords counted at once: a bound on memory (each
// keeps an example comment) for a year of a large programme's comments.
constexpr size_t kMaxKeywords = 20000;

// The first `chars` characters of UTF-8 `text` (never a partial one).
std::string CutAtCharacters(const std::string& text, size_t chars) {
  size_t seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool starts_character =
        (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_character && seen++ == chars) return text.substr(0, i);
  }
  return text;
}

// Keeps `list` the kExamples comments that come first by `before` (a strict
// order on scores); an equal newcomer goes after those already kept. The
// comment is made only when it is kept: most are not.
template <typename Before, typename Make>
void Keep(std::vector<v1::TopicComment>& list, double score, Before before,
          Make make) {
  auto at = std::upper_bound(list.begin(), list.end(), score,
                             [&](double s, const v1::TopicComment& kept) {
                               return before(s, kept.score());
                             });
  if (static_cast<size_t>(at - list.begin()) >= kExamples) return;
  list.insert(at, make());
  if (list.size() > kExamples) list.pop_back();
}

}  // namespace

void TopicSummaryBuilder::NpsCounts::Add(int score) {
  ++n;
  promoters += IsPromoter(score);
  detractors += IsDetractor(score);
}

void TopicSummaryBuilder::NpsCounts::Fill(v1::NpsSummary* out) const {
  out->set_n(n);
  out->set_promoters(promoters);
  out->set_detractors(detractors);
  out->set_passives(n - promoters - detractors);
  out->set_nps(NpsValue(promoters, detractors, n));
  out->set_margin_of_error(NpsMarginOfError(promoters, detractors, n));
}

TopicSummaryBuilder::ScaleCounts TopicSummaryBuilder::CsatCounts() {
  return {.top_box_from = kCsatTopBoxFrom, .headline_is_mean = false};
}

TopicSummaryBuilder::ScaleCounts TopicSummaryBuilder::CesCounts() {
  return {.top_box_from = kCesTopBoxFrom, .headline_is_mean = true};
}

void TopicSummaryBuilder::ScaleCounts::Add(int score) {
  ++n;
  top_box += score >= top_box_from;
  sum += score;
  sum_of_squares += static_cast<double>(score) * score;
}

void TopicSummaryBuilder::ScaleCounts::Fill(v1::ScaleSummary* out) const {
  out->set_n(n);
  out->set_top_box(top_box);
  if (n == 0) return;
  const double dn = static_cast<double>(n);
  out->set_top_box_percent(100.0 * static_cast<double>(top_box) / dn);
  out->set_mean(sum / dn);
  if (!headline_is_mean) {
    out->set_margin_of_error(100.0 * ProportionMarginOfError(top_box, n));
  } else if (n >= 2) {
    const double variance = (sum_of_squares - sum * sum / dn) / (dn - 1);
    out->set_margin_of_error(kZ95 * std::sqrt(std::max(0.0, variance) / dn));
  }
}

void TopicSummaryBuilder::ScoreCounts::Add(const SurveyScores& scores) {
  if (scores.nps) nps.Add(*scores.nps);
  if (scores.csat) csat.Add(*scores.csat);
  if (scores.ces) ces.Add(*scores.ces);
}

void TopicSummaryBuilder::Add(const v1::Response& response,
                              const SurveyScores& scores) {
  ++responses_;
  scores_.Add(scores);
  const std::vector<TopicMention> mentions = TopicMentions(response);
  for (const TopicMention& m : mentions) {
    TopicCounts& c = topics_[*m.topic];
    ++c.mentions;
    c.sentiment_sum += m.score;
    switch (m.sentiment) {
      case v1::TextAnalysis::SENTIMENT_POSITIVE: ++c.positive; break;
      case v1::TextAnalysis::SENTIMENT_NEGATIVE: ++c.negative; break;
      case v1::TextAnalysis::SENTIMENT_MIXED: ++c.mixed; break;
      default: ++c.neutral; break;
    }
    c.scores.Add(scores);
    if (m.score == 0) continue;
    const auto comment = [&] {
      v1::TopicComment made;
      made.set_response(response.name());
      made.set_question_id(m.answer->question_id());
      made.set_text(CutAtCharacters(m.answer->text(), kExampleChars));
      made.set_score(m.score);
      return made;
    };
    if (m.score < 0) {
      Keep(c.most_negative, m.score, std::less<double>(), comment);
    } else {
      Keep(c.most_positive, m.score, std::greater<double>(), comment);
    }
  }
  bool commented = false;
  for (const v1::Answer& answer : response.answers()) {
    commented = commented || answer.has_analysis();
  }
  commented_ += commented;
  if (commented && mentions.empty()) AddUncovered(response);
}

void TopicSummaryBuilder::AddUncovered(const v1::Response& response) {
  ++without_topic_;
  const v1::Answer* most_negative = nullptr;
  bool negative = false;
  std::vector<const std::string*> words;
  for (const v1::Answer& answer : response.answers()) {
    if (!answer.has_analysis()) continue;
    const v1::TextAnalysis& analysis = answer.analysis();
    negative = negative ||
               analysis.sentiment() == v1::TextAnalysis::SENTIMENT_NEGATIVE ||
               analysis.sentiment() == v1::TextAnalysis::SENTIMENT_MIXED;
    if (most_negative == nullptr ||
        analysis.sentiment_score() < most_negative->analysis().sentiment_score()) {
      most_negative = &answer;
    }
    for (const std::string& word : analysis.keywords()) words.push_back(&word);
  }
  std::sort(words.begin(), words.end(),
            [](const std::string* a, const std::string* b) { return *a < *b; });
  words.erase(std::unique(words.begin(), words.end(),
                          [](const std::string* a, const std::string* b) {
                            return *a == *b;
                          }),
              words.end());
  for (const std::string* word : words) {
    KeywordCounts& k = keywords_[*word];
    ++k.responses;
    k.negative += negative;
    const double score = most_negative->analysis().sentiment_score();
    if (k.responses == 1 || score < k.example.score()) {
      k.example.set_response(response.name());
      k.example.set_question_id(most_negative->question_id());
      k.example.set_text(CutAtCharacters(most_negative->text(), kExampleChars));
      k.example.set_score(score);
    }
  }
  if (keywords_.size() > kMaxKeywords) PruneKeywords();
}

void TopicSummaryBuilder::PruneKeywords() {
  for (int64_t rarest = 1; keywords_.size() > kMaxKeywords / 2; ++rarest) {
    absl::erase_if(keywords_, [rarest](const auto& entry) {
      return entry.second.responses <= rarest;
    });
  }
}

v1::TopicSummary TopicSummaryBuilder::Build() const {
  v1::TopicSummary out;
  out.set_responses(responses_);
  out.set_commented(commented_);
  scores_.nps.Fill(out.mutable_nps());
  scores_.csat.Fill(out.mutable_csat());
  scores_.ces.Fill(out.mutable_ces());
  std::vector<const std::pair<const std::string, TopicCounts>*> ranked;
  for (const auto& entry : topics_) ranked.push_back(&entry);
  std::stable_sort(ranked.begin(), ranked.end(), [](auto* a, auto* b) {
    return a->second.mentions > b->second.mentions;  // ties stay by name
  });
  for (const auto* entry : ranked) {
    const TopicCounts& c = entry->second;
    v1::TopicFigures* f = out.add_topics();
    f->set_topic(entry->first);
    f->set_mentions(c.mentions);
    f->set_positive(c.positive);
    f->set_neutral(c.neutral);
    f->set_negative(c.negative);
    f->set_mixed(c.mixed);
    f->set_average_sentiment(c.sentiment_sum / static_cast<double>(c.mentions));
    c.scores.nps.Fill(f->mutable_nps());
    c.scores.csat.Fill(f->mutable_csat());
    c.scores.ces.Fill(f->mutable_ces());
    for (const v1::TopicComment& e : c.most_negative) *f->add_most_negative() = e;
    for (const v1::TopicComment& e : c.most_positive) *f->add_most_positive() = e;
    f->set_share(100.0 * static_cast<double>(c.mentions) /
                 static_cast<double>(commented_));
  }
  out.set_without_topic(without_topic_);
  std::vector<const std::pair<const std::string, KeywordCounts>*> keywords;
  for (const auto& entry : keywords_) {
    if (entry.second.responses >= kMinKeywordResponses) keywords.push_back(&entry);
  }
  const auto more_frequent = [](auto* a, auto* b) {
    if (a->second.responses != b->second.responses) {
      return a->second.responses > b->second.responses;
    }
    return a->first < b->first;
  };
  const size_t listed = std::min(keywords.size(), kUncoveredKeywords);
  std::partial_sort(keywords.begin(), keywords.begin() + listed, keywords.end(),
                    more_frequent);
  for (size_t i = 0; i < listed; ++i) {
    const KeywordCounts& k = keywords[i]->second;
    v1::KeywordFigures* f = out.add_uncovered_keywords();
    f->set_keyword(keywords[i]->first);
    f->set_responses(k.responses);
    f->set_negative(k.negative);
    *f->mutable_example() = k.example;
  }
  return out;
}

}  // namespace cx::feedback
