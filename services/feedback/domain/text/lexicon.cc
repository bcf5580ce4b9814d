#include "services/feedback/domain/text/lexicon.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/feedback/domain/text/tokenizer.h"

namespace cx::feedback::text {
namespace {

// The value of attribute `name` in an XML tag, or "".
absl::string_view Attribute(absl::string_view tag, absl::string_view name) {
  const std::string key = std::string(name) + "=\"";
  const size_t start = tag.find(key);
  if (start == absl::string_view::npos) return "";
  const size_t begin = start + key.size();
  const size_t end = tag.find('"', begin);
  if (end == absl::string_view::npos) return "";
  return tag.substr(begin, end - begin);
}

}  // namespace

void SentimentLexicon::Add(absl::string_view phrase, double polarity) {
  // Keys are normalised exactly like analysed text, so they always match.
  const std::vector<std::string> tokens = Tokenize(phrase, {});
  if (tokens.empty()) {
    entries_[std::string(phrase)] = polarity;  // emoticons
    return;
  }
  entries_[absl::StrJoin(tokens, " ")] = polarity;
  if (tokens.size() > 1) phrase_starts_.insert(tokens[0]);
  max_phrase_tokens_ = std::max(max_phrase_tokens_, tokens.size());
}

SentimentLexicon SentimentLexicon::FromAfinn(absl::string_view content) {
  SentimentLexicon lexicon;
  for (absl::string_view line : absl::StrSplit(content, '\n')) {
    const size_t tab = line.rfind('\t');
    int score = 0;
    if (tab == absl::string_view::npos ||
        !absl::SimpleAtoi(line.substr(tab + 1), &score)) {
      continue;
    }
    lexicon.Add(line.substr(0, tab), score / 5.0);
  }
  return lexicon;
}

SentimentLexicon SentimentLexicon::FromPatternXml(absl::string_view content) {
  absl::flat_hash_map<std::string, std::pair<double, int>> senses;
  size_t pos = 0;
  while ((pos = content.find("<word ", pos)) != absl::string_view::npos) {
    const size_t end = content.find('>', pos);
    if (end == absl::string_view::npos) break;
    const absl::string_view tag = content.substr(pos, end - pos);
    pos = end;
    double polarity = 0;
    const absl::string_view form = Attribute(tag, "form");
    if (form.empty() ||
        !absl::SimpleAtod(Attribute(tag, "polarity"), &polarity)) {
      continue;
    }
    auto& [sum, count] = senses[std::string(form)];
    sum += polarity;
    ++count;
  }
  SentimentLexicon lexicon;
  for (const auto& [form, sense] : senses) {
    const double mean = sense.first / sense.second;
    if (mean != 0) lexicon.Add(form, mean);  // neutral entries add nothing
  }
  return lexicon;
}

std::optional<double> SentimentLexicon::Find(
    const std::vector<std::string>& tokens, size_t begin,
    size_t length) const {
  if (begin + length > tokens.size()) return std::nullopt;
  if (length > 1 && !phrase_starts_.contains(tokens[begin])) return std::nullopt;
  auto it = length == 1
                ? entries_.find(tokens[begin])
                : entries_.find(absl::StrJoin(tokens.begin() + begin,
                                              tokens.begin() + begin + length,
                                              " "));
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void SentimentLexicon::Merge(const SentimentLexicon& other) {
  for (const auto& [phrase, value] : other.entries_) entries_[phrase] = value;
  phrase_starts_.insert(other.phrase_starts_.begin(), other.phrase_starts_.end());
  max_phrase_tokens_ = std::max(max_phrase_tokens_, other.max_phrase_tokens_);
}

std::optional<double> SentimentLexicon::FindWord(absl::string_view word) const {
  auto it = entries_.find(word);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

absl::flat_hash_set<std::string> SentimentLexicon::Keys() const {
  absl::flat_hash_set<std::string> keys;
  for (const auto& [key, value] : entries_) keys.insert(key);
  return keys;
}

}  // namespace cx::feedback::text
