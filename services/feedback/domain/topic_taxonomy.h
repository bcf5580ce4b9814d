// Tenants' topic taxonomies: validation and conversion between the API
// message and the text pipeline's form.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_TAXONOMY_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_TAXONOMY_H_

#include "absl/status/status.h"
#include "cx/feedback/v1/text_analysis.pb.h"
#include "services/feedback/domain/text/topics.h"

namespace cx::feedback {

// INVALID_ARGUMENT naming each bad field ("taxonomy.topics[2].name" ...).
absl::Status ValidateTaxonomy(const v1::TopicTaxonomy& taxonomy);

// Keywords are case-folded and tokenised exactly like analysed text.
text::TopicTaxonomy TaxonomyFromProto(const v1::TopicTaxonomy& taxonomy);
v1::TopicTaxonomy TaxonomyToProto(const text::TopicTaxonomy& taxonomy);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_TAXONOMY_H_
