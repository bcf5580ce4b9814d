#include "services/feedback/domain/topic_summary.h"

#include <algorithm>
#include <set>
#include <vector>

#include "common/nps.h"

namespace cx::feedback {

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

void TopicSummaryBuilder::Add(const v1::Response& response,
                              std::optional<int> nps_score) {
  ++responses_;
  if (nps_score) nps_.Add(*nps_score);
  bool commented = false;
  std::set<std::string> counted;  // a response counts once per topic
  auto count = [&](const std::string& topic, v1::TextAnalysis::Sentiment label,
                   double score) {
    if (!counted.insert(topic).second) return;
    TopicCounts& c = topics_[topic];
    ++c.mentions;
    c.sentiment_sum += score;
    switch (label) {
      case v1::TextAnalysis::SENTIMENT_POSITIVE: ++c.positive; break;
      case v1::TextAnalysis::SENTIMENT_NEGATIVE: ++c.negative; break;
      case v1::TextAnalysis::SENTIMENT_MIXED: ++c.mixed; break;
      default: ++c.neutral; break;
    }
    if (nps_score) c.nps.Add(*nps_score);
  };
  for (const v1::Answer& answer : response.answers()) {
    if (!answer.has_analysis()) continue;
    commented = true;
    const v1::TextAnalysis& analysis = answer.analysis();
    for (const v1::TopicSentiment& t : analysis.topic_sentiments()) {
      count(t.topic(), t.sentiment(), t.score());
    }
    // Analysed before topics had their own sentiment: the comment's stands
    // in for each.
    if (analysis.topic_sentiments().empty()) {
      for (const std::string& topic : analysis.topics()) {
        count(topic, analysis.sentiment(), analysis.sentiment_score());
      }
    }
  }
  commented_ += commented;
}

v1::TopicSummary TopicSummaryBuilder::Build() const {
  v1::TopicSummary out;
  out.set_responses(responses_);
  out.set_commented(commented_);
  nps_.Fill(out.mutable_nps());
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
    c.nps.Fill(f->mutable_nps());
  }
  return out;
}

}  // namespace cx::feedback
