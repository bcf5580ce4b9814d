#include "services/feedback/domain/text/utf8.h"

namespace cx::feedback::text {

char32_t DecodeMultibyteAt(absl::string_view bytes, size_t* i) {
  const size_t n = bytes.size();
  const unsigned char b = static_cast<unsigned char>(bytes[*i]);
  int length = 0;
  char32_t c = 0;
  char32_t min = 0;
  if ((b & 0xE0) == 0xC0) {
    length = 2, c = b & 0x1F, min = 0x80;
  } else if ((b & 0xF0) == 0xE0) {
    length = 3, c = b & 0x0F, min = 0x800;
  } else if ((b & 0xF8) == 0xF0) {
    length = 4, c = b & 0x07, min = 0x10000;
  } else {
    ++*i;
    return kReplacementChar;
  }
  int k = 1;
  for (; k < length && *i + k < n; ++k) {
    const unsigned char cont = static_cast<unsigned char>(bytes[*i + k]);
    if ((cont & 0xC0) != 0x80) break;
    c = (c << 6) | (cont & 0x3F);
  }
  if (k < length || c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    *i += k;  // resynchronise at the first byte that did not continue
    return kReplacementChar;
  }
  *i += length;
  return c;
}

std::u32string DecodeUtf8(absl::string_view bytes) {
  std::u32string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size();) out.push_back(DecodeUtf8At(bytes, &i));
  return out;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

char32_t FoldCase(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0xC0) return c;
  if (c <= 0xDE) return c == 0xD7 ? c : c + 32;  // À..Þ except ×
  if (c >= 0x100 && c <= 0x137) return c | 1;   // Ā ā … Ķ ķ (pairs)
  if (c >= 0x139 && c <= 0x148) return (c & 1) ? c + 1 : c;
  if (c >= 0x14A && c <= 0x177) return c | 1;
  if (c == 0x178) return 0xFF;                   // Ÿ
  if (c >= 0x179 && c <= 0x17E) return (c & 1) ? c + 1 : c;
  if (c == 0x1E9E) return 0xDF;                  // ẞ -> ß
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;  // Greek
  if (c >= 0x410 && c <= 0x42F) return c + 32;   // Cyrillic
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
  }
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x370 && c <= 0x3FF) || (c >= 0x400 && c <= 0x4FF) ||
         c == 0x1E9E;
}

}  // namespace cx::feedback::text
