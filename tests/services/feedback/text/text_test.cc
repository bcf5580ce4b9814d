// Unit and property tests of the text pipeline's parts.
#include <random>

#include "gtest/gtest.h"
#include "services/feedback/domain/text/clauses.h"
#include "services/feedback/domain/text/language.h"
#include "services/feedback/domain/text/sentiment.h"
#include "services/feedback/domain/text/text_analyzer.h"
#include "services/feedback/domain/text/tokenizer.h"
#include "services/feedback/domain/text/utf8.h"

namespace cx::feedback::text {
namespace {

using v1::TextAnalysis;

TEST(Utf8Test, FoldsNordicAndGermanLetters) {
  const std::vector<std::string> tokens =
      Tokenize("ÅSA ÄLSKAR ÖL, ÆBLE ØL, ÉCLAIR, ÜBER STRAẞE", {});
  EXPECT_EQ(tokens, (std::vector<std::string>{"åsa", "älskar", "öl", "æble",
                                              "øl", "éclair", "über",
                                              "straße"}));
}

TEST(Utf8Test, MalformedBytesBecomeReplacementsAndSeparate) {
  const std::u32string decoded = DecodeUtf8("a\xff" "b\xc3" "c\xe2\x82" "\xed\xa0\x80");
  // a, FFFD, b, FFFD (truncated C3), c, FFFD (truncated E2 82), FFFD (surrogate)
  EXPECT_EQ(decoded, (std::u32string{U'a', kReplacementChar, U'b',
                                     kReplacementChar, U'c', kReplacementChar,
                                     kReplacementChar}));
  EXPECT_EQ(Tokenize("good\xffservice", {}),
            (std::vector<std::string>{"good", "service"}));
  EXPECT_EQ(DecodeUtf8("\xc0\xaf").front(), kReplacementChar);  // overlong
}

TEST(TokenizerTest, KeepsApostrophesAndEmoticons) {
  const absl::flat_hash_set<std::string> emoticons = {":)", ":-("};
  EXPECT_EQ(Tokenize("Don't like it :-( but staff great:)", emoticons),
            (std::vector<std::string>{"don't", "like", "it", ":-(", "but",
                                      "staff", "great", ":)"}));
}

TEST(TokenizerTest, PeelsOnlyEmoticonsWithASymbolOffTheEndOfAWord) {
  const absl::flat_hash_set<std::string> emoticons = {"xo", "XD", ":D", "♥"};
  EXPECT_EQ(Tokenize("Saxo lixo xo XD", emoticons),
            (std::vector<std::string>{"saxo", "lixo", "xo", "XD"}));
  EXPECT_EQ(Tokenize("Thanks:D lovely♥", emoticons),
            (std::vector<std::string>{"thanks", ":D", "lovely", "♥"}));
}

TEST(LanguageTest, IdentifiesTheFiveLanguages) {
  const std::vector<std::pair<std::string, Language>> cases = {
      {"The delivery was late and the box was broken", Language::kEnglish},
      {"Leveransen var sen och kartongen var trasig", Language::kSwedish},
      {"Leveringen var forsinket og kassen var ødelagt", Language::kDanish},
      {"De levering was te laat en de doos was kapot", Language::kDutch},
      {"Die Lieferung war zu spät und der Karton war kaputt", Language::kGerman},
  };
  for (const auto& [text, language] : cases) {
    EXPECT_EQ(IdentifyLanguage(Tokenize(text, {})), language) << text;
  }
  EXPECT_EQ(IdentifyLanguage(Tokenize("OK", {})), Language::kUnknown);
  EXPECT_EQ(IdentifyLanguage({}), Language::kUnknown);
}

TEST(LanguageTest, Codes) {
  EXPECT_EQ(LanguageFromCode("sv-SE"), Language::kSwedish);
  EXPECT_EQ(LanguageFromCode("DE"), Language::kGerman);
  EXPECT_EQ(LanguageFromCode("fr"), Language::kUnknown);
  EXPECT_EQ(LanguageCode(Language::kUnknown), "und");
}

SentimentLexicon Lexicon() {
  return SentimentLexicon::FromAfinn(
      "good\t3\nbad\t-3\nnot working\t-3\nworking\t1\nslow\t-2\nfast\t2\n");
}

double Score(const std::string& text, Language language = Language::kEnglish) {
  return ScoreSentiment(Tokenize(text, {}), Lexicon(),
                        SentimentLexicon::FromAfinn(":)\t2\n"), language)
      .score;
}

TEST(SentimentTest, NegationFlipsAndIntensifiersStrengthen) {
  EXPECT_GT(Score("good"), 0.4);
  EXPECT_LT(Score("not good"), 0);
  EXPECT_LT(Score("not very good"), 0);
  EXPECT_GT(Score("very good"), Score("good"));
  EXPECT_LT(Score("inte good", Language::kSwedish), 0);
  EXPECT_LT(Score("nicht good", Language::kGerman), 0);
}

TEST(SentimentTest, NegationAfterTheVerbInTheGermanicLanguages) {
  // "Appen fungerar inte", "Het werkt niet": the negator follows the verb.
  EXPECT_LT(Score("appen working inte", Language::kSwedish), 0);
  EXPECT_LT(Score("appen working ikke", Language::kDanish), 0);
  EXPECT_LT(Score("het working niet", Language::kDutch), 0);
  EXPECT_LT(Score("es working nicht", Language::kGerman), 0);
  // English negates forwards only ("good, not bad" is positive).
  EXPECT_GT(Score("working not", Language::kEnglish), 0);
  // A negator followed by its own sentiment word negates that one: "good,
  // inte slow" (bra, inte långsam) stays positive.
  EXPECT_GT(Score("good inte slow", Language::kSwedish), 0.6);
  // "utan" (without) and "kein" only negate what follows them.
  EXPECT_GT(Score("good utan", Language::kSwedish), 0);
  EXPECT_GT(Score("good kein", Language::kGerman), 0);
}

TEST(SentimentTest, LongestPhraseWins) {
  // "not working" is a phrase of its own (-3), not a negated "working" (+1).
  const double phrase = Score("not working");
  EXPECT_LT(phrase, -0.45);
}

TEST(SentimentTest, ContrastAndMixed) {
  // The clause after "but" is the conclusion.
  EXPECT_LT(Score("fast but bad"), 0);
  EXPECT_GT(Score("bad but good"), 0);
  const SentimentScore mixed = ScoreSentiment(
      Tokenize("good and fast and bad and slow", {}), Lexicon(),
      SentimentLexicon(), Language::kEnglish);
  EXPECT_EQ(mixed.label, SentimentLabel::kMixed);
  EXPECT_EQ(ScoreSentiment(Tokenize("the parcel", {}), Lexicon(),
                           SentimentLexicon(), Language::kEnglish)
                .label,
            SentimentLabel::kNeutral);
}

TEST(SentimentTest, ScoresStayInRange) {
  std::string many;
  for (int i = 0; i < 500; ++i) many += "very good ";
  EXPECT_LE(Score(many), 1.0);
  EXPECT_GT(Score(many), 0.99);
}

TEST(TextAnalyzerTest, AnalysesAComment) {
  const TextAnalysis a = TextAnalyzer::Default().Analyze(
      "The delivery was late and support never answered my emails. Awful!");
  EXPECT_EQ(a.language(), "en");
  EXPECT_EQ(a.sentiment(), TextAnalysis::SENTIMENT_NEGATIVE);
  EXPECT_LT(a.sentiment_score(), -0.3);
  EXPECT_EQ(std::vector<std::string>(a.topics().begin(), a.topics().end()),
            (std::vector<std::string>{"delivery", "support"}));
  EXPECT_FALSE(a.keywords().empty());
  EXPECT_LE(a.keywords_size(), 5);
}

TEST(TextAnalyzerTest, TopicsInEveryLanguage) {
  for (const char* text :
       {"Fakturan var fel", "Fakturaen var forkert", "De factuur klopte niet",
        "Die Rechnung war falsch", "The invoice was wrong"}) {
    const TextAnalysis a = TextAnalyzer::Default().Analyze(text);
    ASSERT_EQ(a.topics_size(), 1) << text;
    EXPECT_EQ(a.topics(0), "billing") << text;
  }
}

TEST(ClausesTest, SentencesEndAtPunctuationBeforeSpaceAndAtLineBreaks) {
  const SentenceTokens s = TokenizeSentences(
      "Paid 3.5 euros, e.g. cash ;) ok! Then?\nNext; last", {";)"});
  EXPECT_EQ(s.tokens, Tokenize("Paid 3.5 euros, e.g. cash ;) ok! Then?\nNext; last",
                               {";)"}));
  // "e.g." ends a sentence (it is followed by a space); "3.5" and ";)" not.
  EXPECT_EQ(s.sentence_starts, (std::vector<size_t>{0, 6, 9, 10, 11}));
  const std::vector<Clause> clauses = SplitClauses(
      TokenizeSentences("Fast delivery, but rude support. But fair prices",
                        {}),
      Language::kEnglish);
  ASSERT_EQ(clauses.size(), 3u);  // "but" belongs to neither side
  EXPECT_EQ(clauses[0].begin, 0u);
  EXPECT_EQ(clauses[0].end, 2u);
  EXPECT_EQ(clauses[1].begin, 3u);
  EXPECT_EQ(clauses[1].end, 5u);
  EXPECT_EQ(clauses[2].begin, 6u);
  EXPECT_EQ(clauses[2].end, 8u);
}

// {topic, label} pairs of an analysis, in order.
std::vector<std::pair<std::string, TextAnalysis::Sentiment>> TopicSentiments(
    const TextAnalysis& a) {
  std::vector<std::pair<std::string, TextAnalysis::Sentiment>> out;
  for (const auto& t : a.topic_sentiments()) {
    out.emplace_back(t.topic(), t.sentiment());
  }
  return out;
}

TEST(TextAnalyzerTest, EachTopicGetsTheSentimentOfItsClauses) {
  using P = std::pair<std::string, TextAnalysis::Sentiment>;
  EXPECT_EQ(TopicSentiments(TextAnalyzer::Default().Analyze(
                "Fast delivery, but the support was rude.")),
            (std::vector<P>{{"delivery", TextAnalysis::SENTIMENT_POSITIVE},
                            {"support", TextAnalysis::SENTIMENT_NEGATIVE}}));
  EXPECT_EQ(TopicSentiments(TextAnalyzer::Default().Analyze(
                "Snabb leverans men otrevlig kundtjänst")),
            (std::vector<P>{{"delivery", TextAnalysis::SENTIMENT_POSITIVE},
                            {"support", TextAnalysis::SENTIMENT_NEGATIVE}}));
  EXPECT_EQ(TopicSentiments(TextAnalyzer::Default().Analyze(
                "Die Lieferung war schnell. Die Rechnung war leider falsch.")),
            (std::vector<P>{{"delivery", TextAnalysis::SENTIMENT_POSITIVE},
                            {"billing", TextAnalysis::SENTIMENT_NEGATIVE}}));
  // One clause: every topic shares the text's sentiment.
  const TextAnalysis one = TextAnalyzer::Default().Analyze(
      "The delivery was late and support never answered my emails");
  ASSERT_EQ(one.topic_sentiments_size(), 2);
  for (const auto& t : one.topic_sentiments()) {
    EXPECT_EQ(t.score(), one.sentiment_score());
    EXPECT_EQ(t.sentiment(), one.sentiment());
  }
  // No topic, nothing to say.
  EXPECT_EQ(TextAnalyzer::Default().Analyze("Great. Thanks!").topic_sentiments_size(),
            0);
}

TEST(TextAnalyzerTest, ShortTextsWithoutFunctionWordsByTheirLetters) {
  const std::vector<std::pair<const char*, const char*>> texts = {
      {"Lovely scent, soft towel", "en"},
      {"Härlig doft, mjuk handduk", "sv"},
      {"Skøn duft, blødt håndklæde", "da"},
      {"Heerlijke geur, zachte handdoek", "nl"},
      {"Schöner Duft, weiches Handtuch", "de"},
  };
  for (const auto& [text, language] : texts) {
    EXPECT_EQ(TextAnalyzer::Default().Analyze(text).language(), language)
        << text;
  }
  // Too little to go on, or another language's function words.
  for (const char* text :
       {"ok", "Le service était très bien, merci beaucoup",
        "El servicio fue muy lento y caro", "Obrigado pela entrega rápida",
        "Il prodotto è arrivato rotto, pessimo servizio"}) {
    EXPECT_EQ(TextAnalyzer::Default().Analyze(text).language(), "und") << text;
  }
}

TEST(TextAnalyzerTest, HintOverridesIdentification) {
  EXPECT_EQ(TextAnalyzer::Default().Analyze("ok", "da-DK").language(), "da");
  EXPECT_EQ(TextAnalyzer::Default().Analyze("ok", "fr").language(), "und");
}

TEST(TextAnalyzerTest, AFallbackHintDecidesOnlyWhatTheTextDoesNotTell) {
  const auto kFallback = TextAnalyzer::Hint::kFallback;
  const TextAnalyzer& analyzer = TextAnalyzer::Default();
  const TopicTaxonomy& taxonomy = DefaultTaxonomy();
  EXPECT_EQ(analyzer.Analyze("Leveransen var sen och supporten svarade aldrig.",
                             "en", taxonomy, kFallback)
                .language(),
            "sv");
  // Letters alone tell too.
  EXPECT_EQ(analyzer.Analyze("Härlig doft, mjuk handduk", "en", taxonomy,
                             kFallback)
                .language(),
            "sv");
  EXPECT_EQ(analyzer.Analyze("ok", "da-DK", taxonomy, kFallback).language(), "da");
  // Another language's words: not read as the hinted one.
  EXPECT_EQ(analyzer.Analyze("Très bien, merci pour la livraison", "en", taxonomy,
                             kFallback)
                .language(),
            "und");
  // A known language is used as given.
  EXPECT_EQ(analyzer.Analyze("Leveransen var sen.", "en").language(), "en");
}

TEST(TextAnalyzerTest, KeywordsSkipStopwordsAndRankByFrequency) {
  const TextAnalysis a = TextAnalyzer::Default().Analyze(
      "The battery died. The battery was new and the charger was new too.");
  ASSERT_GE(a.keywords_size(), 3);
  EXPECT_EQ(a.keywords(0), "battery");
  EXPECT_EQ(a.keywords(1), "new");
  for (const auto& k : a.keywords()) EXPECT_NE(k, "the");
}

TEST(TextAnalyzerTest, KeywordsAreNeverNegatorsIntensifiersOrLinkingWords) {
  const TextAnalysis en = TextAnalyzer::Default().Analyze(
      "I cannot log in since the new login page, extremely annoying, never "
      "again.");
  const TextAnalysis sv = TextAnalyzer::Default().Analyze(
      "Kan aldrig logga in sedan uppdateringen, otroligt irriterande.");
  for (const TextAnalysis& a : {en, sv}) {
    for (const auto& k : a.keywords()) {
      EXPECT_TRUE(k != "cannot" && k != "since" && k != "extremely" &&
                  k != "never" && k != "aldrig" && k != "otroligt")
          << a.language() << ": " << k;
    }
  }
  EXPECT_NE(std::find(en.keywords().begin(), en.keywords().end(), "login"),
            en.keywords().end());
  EXPECT_NE(std::find(sv.keywords().begin(), sv.keywords().end(),
                      "uppdateringen"),
            sv.keywords().end());
}

// Property: any byte string yields a well-formed analysis and never crashes.
TEST(TextAnalyzerPropertyTest, ArbitraryBytesAreSafe) {
  std::mt19937 rng(20261122);
  const std::vector<std::string> seeds = {"", "\xff\xfe\xfd", "\xc3", "😀 :) :(",
                                          std::string(20000, 'a'),
                                          std::string("nul\0byte", 8)};
  std::vector<std::string> inputs(seeds);
  for (int i = 0; i < 2000; ++i) {
    std::string s(rng() % 300, '\0');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    inputs.push_back(std::move(s));
  }
  for (const std::string& input : inputs) {
    const TextAnalysis a = TextAnalyzer::Default().Analyze(input);
    EXPECT_GE(a.sentiment_score(), -1.0);
    EXPECT_LE(a.sentiment_score(), 1.0);
    EXPECT_NE(a.sentiment(), TextAnalysis::SENTIMENT_UNSPECIFIED);
    EXPECT_FALSE(a.language().empty());
    ASSERT_EQ(a.topic_sentiments_size(), a.topics_size());
    for (const auto& t : a.topic_sentiments()) {
      EXPECT_GE(t.score(), -1.0);
      EXPECT_LE(t.score(), 1.0);
    }
    // Sentence by sentence, the tokens are the whole text's.
    EXPECT_EQ(TokenizeSentences(input, {":)", ":("}).tokens,
              Tokenize(input, {":)", ":("}));
    for (const auto& k : a.keywords()) {
      // Keywords are re-encoded, so always valid UTF-8.
      EXPECT_EQ(DecodeUtf8(k).find(kReplacementChar), std::u32string::npos);
    }
  }
}

}  // namespace
}  // namespace cx::feedback::text
