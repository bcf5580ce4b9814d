// Topics from a taxonomy (topic -> keywords per language) and the top
// keywords of a text.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_TEXT_TOPICS_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_TEXT_TOPICS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "services/feedback/domain/text/language.h"

namespace cx::feedback::text {

struct Topic {
  std::string name;
  // Case-folded keywords per language. A keyword of four or more characters
  // also matches words it begins ("deliver" -> "delivery", "delivered"), so
  // inflections need no list; shorter ones match whole words. Keywords may be
  // phrases ("customer service").
  std::map<Language, std::vector<std::string>> keywords;
};

using TopicTaxonomy = std::vector<Topic>;

// delivery, price, support, product_quality, billing in all five languages:
// what a tenant gets until it defines its own.
const TopicTaxonomy& DefaultTaxonomy();

// Topic names whose keywords occur in `tokens`, in taxonomy order. For
// kUnknown every language's keywords are tried.
std::vector<std::string> MatchTopics(absl::Span<const std::string> tokens,
                                     Language language,
                                     const TopicTaxonomy& taxonomy);

// Up to `n` content words (no stopwords, no numbers, at least three
// characters), most frequent first, then in order of appearance.
std::vector<std::string> TopKeywords(const std::vector<std::string>& tokens,
                                     Language language, size_t n);

}  // namespace cx::feedback::text

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_TEXT_TOPICS_H_
