#include "services/feedback/domain/text/trigram_language.h"

#include <cmath>

#include "absl/strings/str_split.h"
#include "services/feedback/domain/text/utf8.h"

namespace cx::feedback::text {
namespace {

// At least this many trigrams (about two short words) before judging, and
// the winner must lead by this much log-probability per trigram.
constexpr int kMinTrigrams = 8;
constexpr double kMinLeadPerTrigram = 0.25;

// The letter trigrams of a word padded with spaces, by code point: "tak"
// gives " ta", "tak", "ak ".
template <typename F>
void ForEachTrigram(const std::string& word, F&& f) {
  std::u32string letters(1, U' ');
  letters += DecodeUtf8(word);
  letters.push_back(U' ');
  std::string trigram;
  for (size_t i = 0; i + 3 <= letters.size(); ++i) {
    trigram.clear();
    for (size_t k = i; k < i + 3; ++k) AppendUtf8(letters[k], &trigram);
    f(trigram);
  }
}

}  // namespace

TrigramLanguageModel::TrigramLanguageModel(
    const std::map<Language, std::vector<std::string>>& words) {
  for (const auto& [language, list] : words) {
    absl::flat_hash_map<std::string, double> counts;
    double total = 0;
    for (const std::string& phrase : list) {
      for (absl::string_view word : absl::StrSplit(phrase, ' ')) {
        ForEachTrigram(std::string(word), [&](const std::string& t) {
          counts[t] += 1;
          total += 1;
        });
      }
    }
    const double denominator = total + static_cast<double>(counts.size()) + 1;
    auto& log_p = log_p_[language];
    for (const auto& [trigram, count] : counts) {
      log_p[trigram] = std::log((count + 1) / denominator);
    }
    unseen_log_p_[language] = std::log(1 / denominator);
  }
}

Language TrigramLanguageModel::Identify(
    const std::vector<std::string>& tokens) const {
  std::map<Language, double> score;
  int trigrams = 0;
  for (const std::string& token : tokens) {
    ForEachTrigram(token, [&](const std::string& t) {
      ++trigrams;
      for (const auto& [language, log_p] : log_p_) {
        auto it = log_p.find(t);
        score[language] +=
            it == log_p.end() ? unseen_log_p_.at(language) : it->second;
      }
    });
  }
  if (trigrams < kMinTrigrams || score.empty()) return Language::kUnknown;
  Language best = Language::kUnknown;
  double best_score = -INFINITY, second = -INFINITY;
  for (const auto& [language, s] : score) {
    if (s > best_score) {
      second = best_score;
      best_score = s;
      best = language;
    } else if (s > second) {
      second = s;
    }
  }
  if ((best_score - second) / trigrams < kMinLeadPerTrigram) {
    return Language::kUnknown;
  }
  return best;
}

}  // namespace cx::feedback::text
