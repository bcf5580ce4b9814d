// What a response's comments say per topic, read the same way by the topic
// summary and the topic filters.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_MENTIONS_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_MENTIONS_H_

#include <string>
#include <vector>

#include "cx/feedback/v1/response.pb.h"

namespace cx::feedback {

struct TopicMention {
  const v1::Answer* answer;  // the comment, owned by the response
  const std::string* topic;  // owned by the response
  v1::TextAnalysis::Sentiment sentiment;
  double score;
};

// Each topic once, from the first comment on it, in comment order. A comment
// analysed before topics had their own sentiment lends each of its topics
// its overall sentiment.
std::vector<TopicMention> TopicMentions(const v1::Response& response);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_MENTIONS_H_
