#include "services/feedback/domain/text/tokenizer.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "services/feedback/domain/text/utf8.h"

namespace cx::feedback::text {
namespace {

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }

// Whether `bytes` has one that is not an ASCII letter or digit.
bool HasSymbol(absl::string_view bytes) {
  for (char c : bytes) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

// Decodes as it goes (no copy of the chunk as code points): this runs for
// every word of every comment.
void TokenizeWords(absl::string_view chunk, std::vector<std::string>* out) {
  std::string word;
  for (size_t i = 0; i < chunk.size();) {
    const char32_t c = DecodeUtf8At(chunk, &i);
    if (c < 0x80 && absl::ascii_isalnum(static_cast<unsigned char>(c))) {
      word.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
      continue;
    }
    if (c >= 0x80 && IsWordChar(c)) {
      AppendUtf8(FoldCase(c), &word);
      continue;
    }
    if (IsApostrophe(c) && !word.empty() && i < chunk.size()) {
      size_t next = i;
      if (IsWordChar(DecodeUtf8At(chunk, &next))) {
        word.push_back('\'');
        continue;
      }
    }
    if (!word.empty()) {
      out->push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out->push_back(std::move(word));
}

}  // namespace

void TokenizeInto(absl::string_view text,
                  const absl::flat_hash_set<std::string>& emoticons,
                  std::vector<std::string>* tokens) {
  for (absl::string_view chunk :
       absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty())) {
    if (emoticons.contains(chunk)) {
      tokens->emplace_back(chunk);
      continue;
    }
    // "great:)" or "bad :-(!" : peel a trailing emoticon off the word. Only
    // a tail with a symbol in it: "xo" and "XD" are emoticons on their own,
    // but "Saxo" and "lixo" are words.
    bool peeled = false;
    for (size_t len = 2; len <= 3 && len < chunk.size() && !peeled; ++len) {
      absl::string_view tail = chunk.substr(chunk.size() - len);
      if (!HasSymbol(tail)) continue;
      if (emoticons.contains(tail)) {
        TokenizeWords(chunk.substr(0, chunk.size() - len), tokens);
        tokens->emplace_back(tail);
        peeled = true;
      }
    }
    if (!peeled) TokenizeWords(chunk, tokens);
  }
}

std::vector<std::string> Tokenize(
    absl::string_view text, const absl::flat_hash_set<std::string>& emoticons) {
  std::vector<std::string> tokens;
  TokenizeInto(text, emoticons, &tokens);
  return tokens;
}

}  // namespace cx::feedback::text
