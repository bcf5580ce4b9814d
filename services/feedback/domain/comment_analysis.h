// The analysis a response's free-text answers carry: made on ingest, and
// again by ReanalyzeResponses after the tenant's taxonomy changed.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_COMMENT_ANALYSIS_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_COMMENT_ANALYSIS_H_

#include "cx/feedback/v1/response.pb.h"
#include "services/feedback/domain/text/text_analyzer.h"

namespace cx::feedback {

bool HasFreeText(const v1::Response& response);

// Replaces every answer's analysis: free text gets the analyzer's (in the
// response's locale, trusted as `hint` says), other answers none.
// `taxonomy` may be null when the response has no free text.
void AnalyzeComments(const text::TextAnalyzer& analyzer,
                     const text::TopicTaxonomy* taxonomy,
                     text::TextAnalyzer::Hint hint, v1::Response* response);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_COMMENT_ANALYSIS_H_
