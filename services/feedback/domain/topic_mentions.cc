#include "services/feedback/domain/topic_mentions.h"

#include <set>

namespace cx::feedback {

std::vector<TopicMention> TopicMentions(const v1::Response& response) {
  std::vector<TopicMention> mentions;
  std::set<std::string> seen;
  auto add = [&](const v1::Answer& answer, const std::string& topic,
                 v1::TextAnalysis::Sentiment sentiment, double score) {
    if (seen.insert(topic).second) {
      mentions.push_back({&answer, &topic, sentiment, score});
    }
  };
  for (const v1::Answer& answer : response.answers()) {
    const v1::TextAnalysis& analysis = answer.analysis();
    for (const v1::TopicSentiment& t : analysis.topic_sentiments()) {
      add(answer, t.topic(), t.sentiment(), t.score());
    }
    if (analysis.topic_sentiments().empty()) {
      for (const std::string& topic : analysis.topics()) {
        add(answer, topic, analysis.sentiment(), analysis.sentiment_score());
      }
    }
  }
  return mentions;
}

}  // namespace cx::feedback
