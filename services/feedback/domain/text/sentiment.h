// Lexicon sentiment with negation, intensifiers, contrast ("but") and
// longest-phrase matching.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_TEXT_SENTIMENT_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_TEXT_SENTIMENT_H_

#include <string>
#include <vector>

#include "services/feedback/domain/text/language.h"
#include "services/feedback/domain/text/lexicon.h"

namespace cx::feedback::text {

enum class SentimentLabel { kNeutral, kPositive, kNegative, kMixed };

struct SentimentScore {
  double score = 0;     // in [-1, 1]
  double positive = 0;  // sum of positive contributions
  double negative = 0;  // sum of negative contributions (<= 0)
  SentimentLabel label = SentimentLabel::kNeutral;
};

// Thresholds of the labels; documented in the API.
inline constexpr double kPolarThreshold = 0.15;

// Scores `tokens` (case-folded) with `lexicon` and emoticons, using the
// negators/intensifiers/contrast words of `language`:
// - the longest lexicon phrase starting at a token wins ("not good" as a
//   phrase, before "good" with a negation);
// - a negator up to three tokens before a word flips and dampens it (x -0.7);
// - an intensifier right before it multiplies it by 1.5;
// - after a contrast word the clause weighs 1.5x, before it 0.5x;
// - the sum s becomes s / sqrt(s^2 + 1) in [-1, 1];
// - function words (stopwords, negators, intensifiers) never score alone;
//   unlisted words are retried without inflectional endings;
// - label: mixed when both polarities carry weight (each at least 0.5 and
//   the weaker at least half the stronger); else |score| < 0.15 neutral;
//   else positive or negative.
SentimentScore ScoreSentiment(const std::vector<std::string>& tokens,
                              const SentimentLexicon& lexicon,
                              const SentimentLexicon& emoticons,
                              Language language);

}  // namespace cx::feedback::text

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_TEXT_SENTIMENT_H_
