#include "services/feedback/domain/text/sentiment.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/match.h"

namespace cx::feedback::text {
namespace {

struct Hit {
  size_t position;
  double value;
};

// Inflectional endings tried when a word itself is not listed: German and
// Dutch adjectives decline ("schlechte" -> "schlecht"), Scandinavian ones
// agree in gender and number ("dåliga" -> "dålig").
const std::vector<absl::string_view>& EndingsOf(Language language) {
  static const auto* de = new std::vector<absl::string_view>{"en", "em", "er", "es", "e"};
  static const auto* nl = new std::vector<absl::string_view>{"en", "e"};
  static const auto* sv = new std::vector<absl::string_view>{"a", "t", "e"};
  static const auto* da = new std::vector<absl::string_view>{"e", "t"};
  static const auto* none = new std::vector<absl::string_view>{};
  switch (language) {
    case Language::kGerman: return *de;
    case Language::kDutch: return *nl;
    case Language::kSwedish: return *sv;
    case Language::kDanish: return *da;
    default: return *none;
  }
}

std::optional<double> FindWord(const SentimentLexicon& lexicon,
                               Language language, const std::string& token) {
  if (auto v = lexicon.FindWord(token)) return v;
  for (absl::string_view ending : EndingsOf(language)) {
    if (token.size() >= ending.size() + 3 && absl::EndsWith(token, ending)) {
      if (auto v = lexicon.FindWord(
              absl::string_view(token).substr(0, token.size() - ending.size()))) {
        return v;
      }
    }
  }
  return std::nullopt;
}

// Swedish, Danish, Dutch and German put the clause's negation after a main
// clause's verb ("fungerar inte", "virker ikke", "werkt niet", "funktioniert
// nicht"); other negators ("utan", "kein") only negate what follows them.
bool NegatesBackwards(Language language, absl::string_view token) {
  switch (language) {
    case Language::kSwedish: return token == "inte" || token == "ej";
    case Language::kDanish: return token == "ikke";
    case Language::kDutch: return token == "niet";
    case Language::kGerman: return token == "nicht";
    default: return false;
  }
}

// Whether a sentiment word starts within two tokens after `from`: then a
// negator at `from - 1` belongs to it ("bra, inte dyrt"), not to the word
// before.
bool SentimentFollows(const std::vector<std::string>& tokens, size_t from,
                      const SentimentLexicon& lexicon, Language language) {
  for (size_t j = from; j < std::min(tokens.size(), from + 2); ++j) {
    if (!IsFunctionWord(language, tokens[j]) &&
        FindWord(lexicon, language, tokens[j])) {
      return true;
    }
  }
  return false;
}

}  // namespace

SentimentScore ScoreSentiment(const std::vector<std::string>& tokens,
                              const SentimentLexicon& lexicon,
                              const SentimentLexicon& emoticons,
                              Language language) {
  std::vector<Hit> hits;
  size_t contrast_at = tokens.size();  // last contrast word, if any
  for (size_t i = 0; i < tokens.size();) {
    if (IsContrast(language, tokens[i])) contrast_at = i;
    size_t matched = 0;
    double value = 0;
    // (Most words start no phrase: asked once, not once per length.)
    const size_t longest = lexicon.StartsPhrase(tokens[i])
                               ? std::min(lexicon.max_phrase_tokens(),
                                          tokens.size() - i)
                               : 1;
    for (size_t len = longest; len >= 2; --len) {
      if (auto v = lexicon.Find(tokens, i, len)) {
        matched = len;
        value = *v;
        break;
      }
    }
    // Function words never carry sentiment themselves, whatever a lexicon
    // says (Pattern scores Dutch "zeer" and "naar" as adjectives, "sore" and
    // "nasty").
    if (matched == 0 && !IsFunctionWord(language, tokens[i])) {
      if (auto v = FindWord(lexicon, language, tokens[i])) {
        matched = 1;
        value = *v;
      }
    }
    if (matched == 0) {
      if (auto v = emoticons.Find(tokens, i, 1)) {
        matched = 1;
        value = *v;
      }
    }
    if (matched == 0) {
      ++i;
      continue;
    }
    // Modifiers in the few tokens before the match, stopping at an earlier
    // sentiment word so one negation is not applied twice.
    const size_t floor = hits.empty() ? 0 : hits.back().position + 1;
    bool negated = false;
    for (size_t back = 1; back <= 3 && i >= floor + back; ++back) {
      if (IsNegator(language, tokens[i - back])) {
        negated = true;
        break;
      }
    }
    const size_t after = i + matched;
    if (!negated && after < tokens.size() &&
        NegatesBackwards(language, tokens[after]) &&
        !SentimentFollows(tokens, after + 1, lexicon, language)) {
      negated = true;
    }
    if (negated) value *= -0.7;
    if (i >= floor + 1 && IsIntensifier(language, tokens[i - 1])) {
      value *= 1.5;
    }
    hits.push_back({i, value});
    i += matched;
  }
  SentimentScore out;
  double sum = 0;
  for (const Hit& hit : hits) {
    double weight = 1.0;
    if (contrast_at < tokens.size()) {
      weight = hit.position > contrast_at ? 1.5 : 0.5;
    }
    const double v = hit.value * weight;
    sum += v;
    if (v > 0) out.positive += v;
    if (v < 0) out.negative += v;
  }
  out.score = sum / std::sqrt(sum * sum + 1.0);
  const double smaller = std::min(out.positive, -out.negative);
  const double larger = std::max(out.positive, -out.negative);
  if (smaller >= 0.5 && smaller >= 0.5 * larger) {
    out.label = SentimentLabel::kMixed;
  } else if (out.score >= kPolarThreshold) {
    out.label = SentimentLabel::kPositive;
  } else if (out.score <= -kPolarThreshold) {
    out.label = SentimentLabel::kNegative;
  }
  return out;
}

}  // namespace cx::feedback::text
