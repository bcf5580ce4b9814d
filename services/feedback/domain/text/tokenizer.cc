#include "services/feedback/domain/text/tokenizer.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "services/feedback/domain/text/utf8.h"

namespace cx::feedback::text {
namespace {

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

void TokenizeWords(absl::string_view chunk, std::vector<std::string>* out) {
  const std::u32string chars = DecodeUtf8(chunk);
  std::string word;
  for (size_t i = 0; i < chars.size(); ++i) {
    const char32_t c = chars[i];
    if (IsWordChar(c)) {
      AppendUtf8(FoldCase(c), &word);
    } else if (IsApostrophe(c) && !word.empty() && i + 1 < chars.size() &&
               IsWordChar(chars[i + 1])) {
      word.push_back('\'');
    } else if (!word.empty()) {
      out->push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out->push_back(std::move(word));
}

}  // namespace

std::vector<std::string> Tokenize(
    absl::string_view text, const absl::flat_hash_set<std::string>& emoticons) {
  std::vector<std::string> tokens;
  for (absl::string_view chunk :
       absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty())) {
    if (emoticons.contains(chunk)) {
      tokens.emplace_back(chunk);
      continue;
    }
    // "great:)" or "bad :-(!" : peel a trailing emoticon off the word.
    bool peeled = false;
    for (size_t len = 2; len <= 3 && len < chunk.size() && !peeled; ++len) {
      absl::string_view tail = chunk.substr(chunk.size() - len);
      if (emoticons.contains(tail)) {
        TokenizeWords(chunk.substr(0, chunk.size() - len), &tokens);
        tokens.emplace_back(tail);
        peeled = true;
      }
    }
    if (!peeled) TokenizeWords(chunk, &tokens);
  }
  return tokens;
}

}  // namespace cx::feedback::text
