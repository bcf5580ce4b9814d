// Sentiment lexicons: case-folded words and phrases with a polarity in
// [-1, 1], parsed from the AFINN (word<TAB>-5..5) and Pattern (XML, per-sense
// polarity -1..1) formats.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_TEXT_LEXICON_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_TEXT_LEXICON_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace cx::feedback::text {

class SentimentLexicon {
 public:
  // AFINN: one `phrase<TAB>integer` per line; scores are divided by 5.
  static SentimentLexicon FromAfinn(absl::string_view content);
  // Pattern: `<word form="…" polarity="…" …/>`; a form's senses are averaged.
  static SentimentLexicon FromPatternXml(absl::string_view content);

  // Entries of `other` are added, replacing any of the same phrase (a domain
  // supplement over a general list; a 0 entry marks a word as neutral).
  void Merge(const SentimentLexicon& other);

  // The polarity of one case-folded word.
  std::optional<double> FindWord(absl::string_view word) const;

  // The polarity of the phrase made of `tokens[begin, begin + length)`.
  std::optional<double> Find(const std::vector<std::string>& tokens,
                             size_t begin, size_t length) const;
  // Longest phrase length in tokens.
  size_t max_phrase_tokens() const { return max_phrase_tokens_; }
  // Whether some phrase of two or more tokens begins with `token`.
  bool StartsPhrase(absl::string_view token) const {
    return phrase_starts_.contains(token);
  }
  size_t size() const { return entries_.size(); }

  // Raw keys (for emoticons, which the tokenizer keeps whole).
  absl::flat_hash_set<std::string> Keys() const;

 private:
  void Add(absl::string_view phrase, double polarity);

  absl::flat_hash_map<std::string, double> entries_;
  // First words of multi-word phrases: a phrase lookup (which joins tokens)
  // is only tried where one can start.
  absl::flat_hash_set<std::string> phrase_starts_;
  size_t max_phrase_tokens_ = 1;
};

}  // namespace cx::feedback::text

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_TEXT_LEXICON_H_
