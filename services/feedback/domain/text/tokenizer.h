// Splits text into case-folded word tokens (UTF-8) and emoticons.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_TEXT_TOKENIZER_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_TEXT_TOKENIZER_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace cx::feedback::text {

// Words are runs of letters and digits; an apostrophe between letters stays
// inside the word ("don't"). A whitespace-separated chunk that is exactly one
// of `emoticons` (":)", ":-(" …) is kept as one token, and so is one that
// ends a chunk ("great:)") if it has a symbol in it. Any byte string is
// accepted; malformed UTF-8 separates words.
std::vector<std::string> Tokenize(
    absl::string_view text, const absl::flat_hash_set<std::string>& emoticons);

// Tokenize, appending to `tokens`.
void TokenizeInto(absl::string_view text,
                  const absl::flat_hash_set<std::string>& emoticons,
                  std::vector<std::string>* tokens);

}  // namespace cx::feedback::text

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_TEXT_TOKENIZER_H_
