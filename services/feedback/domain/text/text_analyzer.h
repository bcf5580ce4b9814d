// The text pipeline: tokenise, identify the language, score sentiment, find
// topics and keywords. Pure and deterministic; the lexicons are embedded in
// the binary (data/lexicons).
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_TEXT_TEXT_ANALYZER_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_TEXT_TEXT_ANALYZER_H_

#include <map>

#include "absl/strings/string_view.h"
#include "cx/feedback/v1/text_analysis.pb.h"
#include "services/feedback/domain/text/clauses.h"
#include "services/feedback/domain/text/lexicon.h"
#include "services/feedback/domain/text/sentiment.h"
#include "services/feedback/domain/text/topics.h"
#include "services/feedback/domain/text/trigram_language.h"

namespace cx::feedback::text {

// Immutable after construction; thread-safe.
class TextAnalyzer {
 public:
  // The analyzer with the embedded lexicons, built on first use.
  static const TextAnalyzer& Default();

  TextAnalyzer(std::map<Language, SentimentLexicon> lexicons,
               SentimentLexicon emoticons);

  // How far a language hint is trusted.
  enum class Hint {
    // The caller knows the text's language (AnalyzeText's language_code):
    // used as is.
    kKnown,
    // Only a default, such as a response's locale: used when neither the
    // text's function words nor its letters tell its language. A Swedish
    // comment on an English survey is Swedish.
    kFallback,
  };

  // Analyses any byte string (invalid UTF-8 included). `language_hint` is a
  // BCP-47 tag or ""; an unsupported hint is ignored. Texts longer than
  // 10000 bytes are analysed on their first 10000.
  v1::TextAnalysis Analyze(absl::string_view text,
                           absl::string_view language_hint = "",
                           const TopicTaxonomy& taxonomy = DefaultTaxonomy(),
                           Hint hint = Hint::kKnown) const;

 private:
  const SentimentLexicon& LexiconFor(Language language,
                                     const std::vector<std::string>& tokens) const;
  // Fills out->topic_sentiments for out->topics (see the proto).
  void AddTopicSentiments(const SentenceTokens& sentences, Language language,
                          const TopicTaxonomy& taxonomy,
                          const SentimentLexicon& lexicon,
                          const SentimentScore& overall,
                          v1::TextAnalysis* out) const;

  std::map<Language, SentimentLexicon> lexicons_;
  // For texts whose function words do not tell the language.
  TrigramLanguageModel trigrams_;
  SentimentLexicon emoticons_;
  absl::flat_hash_set<std::string> emoticon_keys_;
  SentimentLexicon empty_;
};

}  // namespace cx::feedback::text

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_TEXT_TEXT_ANALYZER_H_
