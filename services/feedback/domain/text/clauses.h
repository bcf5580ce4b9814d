// Sentences and clauses of a text, for sentiment towards each topic: in
// "Fast delivery, but the support was rude. Prices are fair." delivery,
// support and price each have their own clause.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_TEXT_CLAUSES_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_TEXT_CLAUSES_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "services/feedback/domain/text/language.h"

namespace cx::feedback::text {

struct SentenceTokens {
  // Exactly Tokenize(text, emoticons).
  std::vector<std::string> tokens;
  // Index into `tokens` where each sentence starts (the first is 0).
  std::vector<size_t> sentence_starts;
};

// Tokenizes `text` sentence by sentence. A sentence ends after ".", "!",
// "?" or ";" followed by whitespace or the end ("3.5", "e.g" and ";)" do not
// end one), and at a line break.
SentenceTokens TokenizeSentences(
    absl::string_view text, const absl::flat_hash_set<std::string>& emoticons);

// A clause: tokens [begin, end).
struct Clause {
  size_t begin;
  size_t end;
};

// The sentences, each split again before a contrast word ("but", "men",
// "maar", "aber"), which belongs to neither side. Empty clauses are dropped.
std::vector<Clause> SplitClauses(const SentenceTokens& sentences,
                                 Language language);

}  // namespace cx::feedback::text

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_TEXT_CLAUSES_H_
