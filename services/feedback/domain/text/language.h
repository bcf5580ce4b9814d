// The languages cxp analyses, their function words, and language guessing.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_TEXT_LANGUAGE_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_TEXT_LANGUAGE_H_

#include <array>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace cx::feedback::text {

enum class Language { kUnknown, kEnglish, kSwedish, kDanish, kDutch, kGerman };

inline constexpr std::array<Language, 5> kLanguages = {
    Language::kEnglish, Language::kSwedish, Language::kDanish,
    Language::kDutch, Language::kGerman};

// "en", "sv", "da", "nl", "de", or "und" for kUnknown (BCP-47).
absl::string_view LanguageCode(Language language);

// The language of a BCP-47 tag's primary subtag ("sv-SE" -> kSwedish).
Language LanguageFromCode(absl::string_view code);

// Frequent function words, used for identification and excluded from
// keywords.
bool IsStopword(Language language, absl::string_view token);

// Words that flip the polarity of what follows ("not", "inte", "ikke" …).
bool IsNegator(Language language, absl::string_view token);

// Words that strengthen what follows ("very", "mycket", "meget" …).
bool IsIntensifier(Language language, absl::string_view token);

// Words after which the clause carries the writer's conclusion ("but").
bool IsContrast(Language language, absl::string_view token);

// Words that carry no subject of their own, never keywords: the stopwords,
// negators, intensifiers and contrast words, and for English a few more
// ("since", "because", "why" ...) left out of the stopwords because they
// would tell languages apart no better.
bool IsFunctionWord(Language language, absl::string_view token);

// Guesses the language of case-folded tokens from function words and
// language-specific letters; kUnknown when the evidence is too thin or a tie.
Language IdentifyLanguage(const std::vector<std::string>& tokens);

// Whether the tokens hold function words of French, Spanish, Portuguese or
// Italian ("le", "muy", "pela", "molto" ...) but none of the five languages':
// a comment cxp cannot analyse, which letters alone would mistake for one.
bool IsOtherLanguage(const std::vector<std::string>& tokens);

}  // namespace cx::feedback::text

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_TEXT_LANGUAGE_H_
