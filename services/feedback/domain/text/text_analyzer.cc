#include "services/feedback/domain/text/text_analyzer.h"

#include "services/feedback/domain/text/sentiment.h"
#include "services/feedback/domain/text/tokenizer.h"

namespace cx {
// Generated from data/lexicons by cmake/EmbedFiles.cmake.
std::string_view EmbeddedLexicon(std::string_view name);
}  // namespace cx

namespace cx::feedback::text {
namespace {

constexpr size_t kMaxAnalysedBytes = 10000;

absl::string_view Lexicon(std::string_view name) {
  const std::string_view data = EmbeddedLexicon(name);
  return absl::string_view(data.data(), data.size());
}

v1::TextAnalysis::Sentiment ToProto(SentimentLabel label) {
  switch (label) {
    case SentimentLabel::kPositive: return v1::TextAnalysis::SENTIMENT_POSITIVE;
    case SentimentLabel::kNegative: return v1::TextAnalysis::SENTIMENT_NEGATIVE;
    case SentimentLabel::kMixed: return v1::TextAnalysis::SENTIMENT_MIXED;
    default: return v1::TextAnalysis::SENTIMENT_NEUTRAL;
  }
}

}  // namespace

const TextAnalyzer& TextAnalyzer::Default() {
  static const TextAnalyzer* analyzer = [] {
    std::map<Language, SentimentLexicon> lexicons;
    lexicons[Language::kEnglish] =
        SentimentLexicon::FromAfinn(Lexicon("AFINN-en-165.txt"));
    lexicons[Language::kSwedish] =
        SentimentLexicon::FromAfinn(Lexicon("AFINN-sv-165.txt"));
    lexicons[Language::kDanish] =
        SentimentLexicon::FromAfinn(Lexicon("AFINN-da-32.txt"));
    lexicons[Language::kDutch] = SentimentLexicon::FromPatternXml(
        Lexicon("pattern-nl-sentiment.xml"));
    lexicons[Language::kGerman] = SentimentLexicon::FromPatternXml(
        Lexicon("pattern-de-sentiment.xml"));
    for (auto& [language, lexicon] : lexicons) {
      lexicon.Merge(SentimentLexicon::FromAfinn(Lexicon(
          "cx-supplement-" + std::string(LanguageCode(language)) + ".txt")));
    }
    return new TextAnalyzer(
        std::move(lexicons),
        SentimentLexicon::FromAfinn(Lexicon("AFINN-emoticon-8.txt")));
  }();
  return *analyzer;
}

TextAnalyzer::TextAnalyzer(std::map<Language, SentimentLexicon> lexicons,
                           SentimentLexicon emoticons)
    : lexicons_(std::move(lexicons)),
      emoticons_(std::move(emoticons)),
      emoticon_keys_(emoticons_.Keys()) {}

const SentimentLexicon& TextAnalyzer::LexiconFor(
    Language language, const std::vector<std::string>& tokens) const {
  if (auto it = lexicons_.find(language); it != lexicons_.end()) {
    return it->second;
  }
  // Unknown language: the lexicon that recognises the most words.
  const SentimentLexicon* best = &empty_;
  size_t best_hits = 0;
  for (const auto& [lang, lexicon] : lexicons_) {
    size_t hits = 0;
    for (size_t i = 0; i < tokens.size(); ++i) {
      hits += lexicon.Find(tokens, i, 1).has_value();
    }
    if (hits > best_hits) {
      best_hits = hits;
      best = &lexicon;
    }
  }
  return *best;
}

v1::TextAnalysis TextAnalyzer::Analyze(absl::string_view text,
                                       absl::string_view language_hint,
                                       const TopicTaxonomy& taxonomy) const {
  const std::vector<std::string> tokens =
      Tokenize(text.substr(0, kMaxAnalysedBytes), emoticon_keys_);
  Language language = LanguageFromCode(language_hint);
  if (language == Language::kUnknown) language = IdentifyLanguage(tokens);
  const SentimentScore sentiment = ScoreSentiment(
      tokens, LexiconFor(language, tokens), emoticons_, language);
  v1::TextAnalysis out;
  out.set_language(std::string(LanguageCode(language)));
  out.set_sentiment_score(sentiment.score);
  out.set_sentiment(ToProto(sentiment.label));
  for (auto& topic : MatchTopics(tokens, language, taxonomy)) {
    out.add_topics(std::move(topic));
  }
  for (auto& keyword : TopKeywords(tokens, language, 5)) {
    out.add_keywords(std::move(keyword));
  }
  return out;
}

}  // namespace cx::feedback::text
