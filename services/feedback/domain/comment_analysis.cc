#include "services/feedback/domain/comment_analysis.h"

namespace cx::feedback {

bool HasFreeText(const v1::Response& response) {
  for (const v1::Answer& answer : response.answers()) {
    if (answer.value_case() == v1::Answer::kText) return true;
  }
  return false;
}

void AnalyzeComments(const text::TextAnalyzer& analyzer,
                     const text::TopicTaxonomy* taxonomy,
                     text::TextAnalyzer::Hint hint, v1::Response* response) {
  for (v1::Answer& answer : *response->mutable_answers()) {
    answer.clear_analysis();
    if (answer.value_case() == v1::Answer::kText) {
      *answer.mutable_analysis() =
          analyzer.Analyze(answer.text(), response->locale(), *taxonomy, hint);
    }
  }
}

}  // namespace cx::feedback
