#include "services/feedback/domain/text/text_analyzer.h"

#include "services/feedback/domain/text/clauses.h"
#include "services/feedback/domain/text/sentiment.h"

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

// Each lexicon's words, which teach the trigram model its language's letters.
std::map<Language, std::vector<std::string>> WordsOf(
    const std::map<Language, SentimentLexicon>& lexicons) {
  std::map<Language, std::vector<std::string>> words;
  for (const auto& [language, lexicon] : lexicons) {
    const absl::flat_hash_set<std::string> keys = lexicon.Keys();
    words[language].assign(keys.begin(), keys.end());
  }
  return words;
}

void AddTopicSentiment(const std::string& topic, const SentimentScore& s,
                       v1::TextAnalysis* out) {
  v1::TopicSentiment* t = out->add_topic_sentiments();
  t->set_topic(topic);
  t->set_score(s.score);
  t->set_sentiment(ToProto(s.label));
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
      trigrams_(WordsOf(lexicons_)),
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
                                       const TopicTaxonomy& taxonomy,
                                       Hint hint) const {
  const SentenceTokens sentences =
      TokenizeSentences(text.substr(0, kMaxAnalysedBytes), emoticon_keys_);
  const std::vector<std::string>& tokens = sentences.tokens;
  const Language hinted = LanguageFromCode(language_hint);
  Language language = hint == Hint::kKnown ? hinted : Language::kUnknown;
  if (language == Language::kUnknown) language = IdentifyLanguage(tokens);
  if (language == Language::kUnknown && !IsOtherLanguage(tokens)) {
    language = trigrams_.Identify(tokens);
    if (language == Language::kUnknown) language = hinted;
  }
  const SentimentLexicon& lexicon = LexiconFor(language, tokens);
  const SentimentScore sentiment =
      ScoreSentiment(tokens, lexicon, emoticons_, language);
  v1::TextAnalysis out;
  out.set_language(std::string(LanguageCode(language)));
  out.set_sentiment_score(sentiment.score);
  out.set_sentiment(ToProto(sentiment.label));
  for (auto& topic : MatchTopics(tokens, language, taxonomy)) {
    out.add_topics(std::move(topic));
  }
  AddTopicSentiments(sentences, language, taxonomy, lexicon, sentiment, &out);
  for (auto& keyword : TopKeywords(tokens, language, 5)) {
    out.add_keywords(std::move(keyword));
  }
  return out;
}

void TextAnalyzer::AddTopicSentiments(const SentenceTokens& sentences,
                                      Language language,
                                      const TopicTaxonomy& taxonomy,
                                      const SentimentLexicon& lexicon,
                                      const SentimentScore& overall,
                                      v1::TextAnalysis* out) const {
  if (out->topics().empty()) return;
  const std::vector<Clause> clauses = SplitClauses(sentences, language);
  if (clauses.size() < 2) {
    for (const std::string& topic : out->topics()) {
      AddTopicSentiment(topic, overall, out);
    }
    return;
  }
  // topic -> the tokens of the clauses that mention it, in order.
  std::map<std::string, std::vector<std::string>> mentions;
  for (const Clause& clause : clauses) {
    const absl::Span<const std::string> tokens =
        absl::MakeConstSpan(sentences.tokens)
            .subspan(clause.begin, clause.end - clause.begin);
    for (const std::string& topic : MatchTopics(tokens, language, taxonomy)) {
      std::vector<std::string>& to = mentions[topic];
      to.insert(to.end(), tokens.begin(), tokens.end());
    }
  }
  for (const std::string& topic : out->topics()) {
    // A keyword phrase split by a clause boundary is in no single clause:
    // the text's sentiment stands in.
    auto it = mentions.find(topic);
    AddTopicSentiment(
        topic,
        it == mentions.end()
            ? overall
            : ScoreSentiment(it->second, lexicon, emoticons_, language),
        out);
  }
}

}  // namespace cx::feedback::text
