// Language identification from letter trigrams, for texts too short for
// function words to tell ("Superbra värde, batteriet räcker hela veckan").
// Trained on the words of each language's sentiment lexicon: orthography
// ("sch", "ij", "kj", "ght", "ä", "ø") carries over from word lists to
// comments.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_TEXT_TRIGRAM_LANGUAGE_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_TEXT_TRIGRAM_LANGUAGE_H_

#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "services/feedback/domain/text/language.h"

namespace cx::feedback::text {

// Immutable after construction; thread-safe.
class TrigramLanguageModel {
 public:
  // `words` per language: case-folded words or phrases.
  explicit TrigramLanguageModel(
      const std::map<Language, std::vector<std::string>>& words);

  // The language whose trigrams explain `tokens` best, or kUnknown when the
  // text has too few letters or no language stands out.
  Language Identify(const std::vector<std::string>& tokens) const;

 private:
  // log P(trigram | language), add-one smoothed.
  std::map<Language, absl::flat_hash_map<std::string, double>> log_p_;
  std::map<Language, double> unseen_log_p_;
};

}  // namespace cx::feedback::text

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_TEXT_TRIGRAM_LANGUAGE_H_
