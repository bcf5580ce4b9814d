#include "services/feedback/domain/topic_comparison.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "common/confidence.h"
#include "common/proportions.h"

namespace cx::feedback {
namespace {

// The z-test's normal approximation holds when, with no change, each period
// would expect at least five comments mentioning the topic and five not.
bool ExpectsEnough(int64_t mentions, int64_t commented_before,
                   int64_t commented_now) {
  const double pooled = static_cast<double>(mentions) /
                        static_cast<double>(commented_before + commented_now);
  return static_cast<double>(std::min(commented_before, commented_now)) *
             std::min(pooled, 1 - pooled) >=
         5;
}

void FillChange(const v1::TopicFigures* before, int64_t commented_before,
                int64_t commented_now, v1::TopicFigures* topic) {
  const int64_t mentions_before = before ? before->mentions() : 0;
  const ProportionDifference d = CompareProportions(
      mentions_before, commented_before, topic->mentions(), commented_now);
  v1::TopicChange* change = topic->mutable_change();
  change->set_previous_mentions(mentions_before);
  change->set_previous_share(before ? before->share() : 0);
  change->set_share_change(100.0 * d.difference);
  if (d.se > 0) {  // (none when a period has no comments)
    change->set_ci_low(100.0 * (d.difference - kZ95 * d.se));
    change->set_ci_high(100.0 * (d.difference + kZ95 * d.se));
  }
  if (d.test_se > 0 && ExpectsEnough(mentions_before + topic->mentions(),
                                      commented_before, commented_now)) {
    change->set_z(d.difference / d.test_se);
    change->set_significant(std::abs(change->z()) > kZ95);
  }
  if (before != nullptr) {
    change->set_previous_average_sentiment(before->average_sentiment());
    change->set_previous_negative(before->negative());
  }
}

}  // namespace

void CompareWithPrevious(v1::TopicSummary previous, v1::TopicSummary* current) {
  previous.clear_uncovered_keywords();
  std::map<std::string, const v1::TopicFigures*> before;
  for (v1::TopicFigures& topic : *previous.mutable_topics()) {
    topic.clear_most_negative();
    topic.clear_most_positive();
    before[topic.topic()] = &topic;
  }
  for (v1::TopicFigures& topic : *current->mutable_topics()) {
    auto it = before.find(topic.topic());
    FillChange(it == before.end() ? nullptr : it->second, previous.commented(),
               current->commented(), &topic);
    if (it != before.end()) before.erase(it);
  }
  // What customers stopped writing about, in the previous period's order.
  for (const v1::TopicFigures& gone : previous.topics()) {
    if (!before.contains(gone.topic())) continue;
    v1::TopicFigures* topic = current->add_topics();
    topic->set_topic(gone.topic());
    topic->mutable_nps();  // n = 0, like csat and ces
    topic->mutable_csat();
    topic->mutable_ces();
    FillChange(&gone, previous.commented(), current->commented(), topic);
  }
  *current->mutable_previous() = std::move(previous);
}

}  // namespace cx::feedback
