#include "services/feedback/domain/text/clauses.h"

#include "absl/strings/ascii.h"
#include "services/feedback/domain/text/tokenizer.h"

namespace cx::feedback::text {
namespace {

bool EndsSentence(absl::string_view text, size_t i) {
  const char c = text[i];
  if (c == '\n') return true;
  if (c != '.' && c != '!' && c != '?' && c != ';') return false;
  return i + 1 == text.size() || absl::ascii_isspace(text[i + 1]);
}

}  // namespace

SentenceTokens TokenizeSentences(
    absl::string_view text, const absl::flat_hash_set<std::string>& emoticons) {
  SentenceTokens out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && !EndsSentence(text, i)) continue;
    // Splitting right after the punctuation keeps every whitespace-separated
    // chunk whole, so the tokens are the same as the whole text's.
    const size_t end = std::min(i + 1, text.size());
    const size_t sentence_start = out.tokens.size();
    TokenizeInto(text.substr(start, end - start), emoticons, &out.tokens);
    if (out.tokens.size() > sentence_start) {
      out.sentence_starts.push_back(sentence_start);
    }
    start = end;
  }
  return out;
}

std::vector<Clause> SplitClauses(const SentenceTokens& sentences,
                                 Language language) {
  std::vector<Clause> clauses;
  auto add = [&clauses](size_t begin, size_t end) {
    if (begin < end) clauses.push_back({begin, end});
  };
  for (size_t s = 0; s < sentences.sentence_starts.size(); ++s) {
    const size_t sentence_end = s + 1 < sentences.sentence_starts.size()
                                    ? sentences.sentence_starts[s + 1]
                                    : sentences.tokens.size();
    size_t begin = sentences.sentence_starts[s];
    for (size_t i = begin; i < sentence_end; ++i) {
      if (IsContrast(language, sentences.tokens[i])) {
        add(begin, i);
        begin = i + 1;
      }
    }
    add(begin, sentence_end);
  }
  return clauses;
}

}  // namespace cx::feedback::text
