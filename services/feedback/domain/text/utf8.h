// Just enough Unicode for tokenising the five supported languages: lenient
// UTF-8 decoding and simple case folding of Latin letters.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_TEXT_UTF8_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_TEXT_UTF8_H_

#include <string>

#include "absl/strings/string_view.h"

namespace cx::feedback::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes UTF-8; every malformed, overlong, surrogate or truncated sequence
// becomes U+FFFD. Never fails.
std::u32string DecodeUtf8(absl::string_view bytes);

// The code point at bytes[*i] (i < size), decoded as DecodeUtf8 does;
// advances *i past it. Inline for ASCII, the common case.
char32_t DecodeMultibyteAt(absl::string_view bytes, size_t* i);
inline char32_t DecodeUtf8At(absl::string_view bytes, size_t* i) {
  const unsigned char b = static_cast<unsigned char>(bytes[*i]);
  if (b < 0x80) {
    ++*i;
    return b;
  }
  return DecodeMultibyteAt(bytes, i);
}

void AppendUtf8(char32_t c, std::string* out);

// Lower case for ASCII, Latin-1 and Latin Extended-A (Å→å, Ä→ä, Ö→ö, Æ→æ,
// Ø→ø, É→é, Ü→ü, ẞ→ß …); other code points are returned unchanged.
char32_t FoldCase(char32_t c);

// Letters and digits of the scripts cxp analyses (Latin, Greek, Cyrillic).
bool IsWordChar(char32_t c);

}  // namespace cx::feedback::text

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_TEXT_UTF8_H_
