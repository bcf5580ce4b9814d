#include "services/feedback/domain/text/language.h"

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace cx::feedback::text {
namespace {

using WordSet = absl::flat_hash_set<absl::string_view>;

struct LanguageWords {
  WordSet stopwords;
  WordSet negators;
  WordSet intensifiers;
  WordSet contrast;
};

const LanguageWords& WordsOf(Language language) {
  static const auto* en = new LanguageWords{
      {"the", "and", "is", "not", "i", "a", "an", "to", "with", "for", "on",
       "was", "very", "but", "it", "of", "my", "you", "we", "this", "that",
       "are", "be", "have", "had", "has", "they", "in", "at", "me", "your",
       "our", "so", "were", "did", "do", "does", "would", "will", "there",
       "what", "when", "just", "from", "been", "their", "really", "too",
       "no", "after", "again", "all", "about", "as", "or", "if", "can",
       "could", "get", "got", "don't", "didn't", "isn't", "wasn't", "it's",
       "i'm", "is", "still", "which", "than", "then", "only"},
      {"not", "no", "never", "don't", "didn't", "doesn't", "isn't",
       "wasn't", "won't", "can't", "cannot", "couldn't", "wouldn't",
       "nothing", "none", "nobody", "neither", "nor", "without", "hardly",
       "aren't", "weren't", "haven't", "hasn't"},
      {"very", "really", "extremely", "so", "super", "incredibly", "totally",
       "absolutely", "truly", "highly", "terribly", "awfully", "most",
       "exceptionally", "particularly"},
      {"but", "however", "although", "though", "yet"}};
  static const auto* sv = new LanguageWords{
      {"och", "att", "det", "är", "inte", "jag", "en", "ett", "som", "på",
       "med", "för", "var", "mycket", "men", "till", "har", "av", "den",
       "om", "så", "vi", "kan", "ni", "min", "mitt", "mina", "hade", "blev",
       "när", "efter", "också", "eller", "från", "sedan", "bara", "nu",
       "vara", "ska", "skulle", "där", "här", "vad", "hur", "väldigt",
       "mig", "dem", "han", "hon", "ingen", "inget", "aldrig", "era", "er",
       "sin", "sitt", "sina", "alla", "allt", "under", "över", "än", "då",
       "utan", "vid", "mot", "ha", "fick", "få", "gick", "kom", "tack"},
      {"inte", "ej", "aldrig", "ingen", "inget", "inga", "varken", "utan",
       "knappast"},
      {"mycket", "väldigt", "riktigt", "otroligt", "extremt", "helt",
       "jätte", "verkligen", "supersnabb", "oerhört", "särskilt", "så"},
      {"men", "fast", "dock", "däremot"}};
  static const auto* da = new LanguageWords{
      {"og", "at", "det", "er", "ikke", "jeg", "en", "et", "som", "på", "med",
       "for", "var", "meget", "men", "til", "har", "af", "den", "om", "så",
       "vi", "kan", "min", "mit", "mine", "havde", "blev", "når", "efter",
       "også", "eller", "fra", "siden", "bare", "nu", "være", "skal",
       "skulle", "der", "her", "hvad", "hvordan", "mig", "dem", "han", "hun",
       "ingen", "intet", "aldrig", "jeres", "sin", "sit", "sine", "alle",
       "alt", "under", "over", "end", "da", "uden", "ved", "mod", "have",
       "fik", "få", "gik", "kom", "tak", "jer", "hele", "rigtig", "godt",
       "lidt", "noget", "nogen", "mere", "dog", "fordi", "hvor"},
      {"ikke", "aldrig", "ingen", "intet", "ingenting", "hverken", "uden",
       "næppe"},
      {"meget", "rigtig", "virkelig", "utrolig", "utroligt", "ekstremt",
       "super", "helt", "vildt", "særligt", "så"},
      {"men", "dog", "derimod", "selvom"}};
  static const auto* nl = new LanguageWords{
      {"de", "het", "een", "en", "van", "ik", "is", "niet", "dat", "zijn",
       "met", "voor", "op", "te", "was", "maar", "heel", "erg", "zeer",
       "geen", "wel", "ook", "naar", "bij", "mijn", "je", "u", "we", "wij",
       "ze", "zij", "hij", "er", "die", "dit", "deze", "om", "aan", "uit",
       "al", "nog", "nu", "dan", "als", "had", "heb", "hebben", "werd",
       "worden", "wordt", "kan", "kunnen", "zou", "moet", "veel", "over",
       "tot", "na", "door", "nooit", "jullie", "hun", "onze", "ons",
       "mij", "me", "wat", "hoe", "waar", "toen", "omdat", "echt", "alles",
       "bedankt", "dank"},
      {"niet", "geen", "nooit", "nimmer", "niets", "niemand", "zonder",
       "nauwelijks"},
      {"erg", "zeer", "heel", "echt", "ontzettend", "super", "enorm",
       "bijzonder", "uiterst", "hartstikke", "zo"},
      {"maar", "echter", "hoewel", "toch"}};
  static const auto* de = new LanguageWords{
      {"der", "die", "das", "und", "ist", "nicht", "ich", "ein", "eine",
       "einen", "einem", "zu", "mit", "für", "auf", "war", "sehr", "aber",
       "kein", "keine", "auch", "nach", "bei", "mein", "meine", "sie", "es",
       "wir", "den", "dem", "von", "im", "in", "hat", "habe", "haben",
       "wurde", "wird", "werden", "kann", "können", "sind", "noch", "nur",
       "schon", "wie", "was", "wenn", "dann", "als", "so", "oder", "aus",
       "um", "über", "ihr", "ihre", "uns", "unser", "mich", "mir", "dass",
       "weil", "nie", "niemals", "des", "einer", "wieder", "doch", "danke",
       "vielen", "alles", "etwas", "ganz", "bitte", "sich", "man"},
      {"nicht", "kein", "keine", "keinen", "keinem", "keiner", "nie",
       "niemals", "nichts", "niemand", "ohne", "kaum"},
      {"sehr", "wirklich", "extrem", "total", "echt", "super", "äußerst",
       "besonders", "absolut", "unglaublich", "richtig", "so", "ganz"},
      {"aber", "jedoch", "obwohl", "trotzdem", "allerdings"}};
  static const auto* none = new LanguageWords{};
  switch (language) {
    case Language::kEnglish: return *en;
    case Language::kSwedish: return *sv;
    case Language::kDanish: return *da;
    case Language::kDutch: return *nl;
    case Language::kGerman: return *de;
    default: return *none;
  }
}

// Letters that only some of the languages use, found in one pass over the
// token (this runs for every word of every comment).
void ScoreLetters(absl::string_view token, double score[6]) {
  auto add = [&](Language l, double v) { score[static_cast<int>(l)] += v; };
  bool swedish_german = false, swedish_danish = false, danish = false,
       german = false, dutch = absl::StartsWith(token, "ge"),
       german_cluster = false;
  for (size_t i = 0; i + 1 < token.size(); ++i) {
    const unsigned char c = token[i], next = token[i + 1];
    if (c == 0xC3) {  // the lead byte of U+00C0..U+00FF
      switch (next) {
        case 0xA4: case 0xB6: swedish_german = true; break;  // ä ö
        case 0xA5: swedish_danish = true; break;             // å
        case 0xA6: case 0xB8: danish = true; break;          // æ ø
        case 0xBC: case 0x9F: german = true; break;          // ü ß
      }
    } else if ((c == 'i' && next == 'j') || (c == 'o' && next == 'e')) {
      dutch = true;
    } else if ((c == 't' && next == 'z') ||
               (c == 's' && next == 'c' && i + 2 < token.size() &&
                token[i + 2] == 'h')) {
      german_cluster = true;
    }
  }
  if (swedish_german) {
    add(Language::kSwedish, 0.6);
    add(Language::kGerman, 0.6);
  }
  if (swedish_danish) {
    add(Language::kSwedish, 0.6);
    add(Language::kDanish, 0.6);
  }
  if (danish) add(Language::kDanish, 1.2);
  if (german) add(Language::kGerman, 1.2);
  if (dutch) add(Language::kDutch, 0.3);
  if (german_cluster) add(Language::kGerman, 0.3);
}

}  // namespace

absl::string_view LanguageCode(Language language) {
  switch (language) {
    case Language::kEnglish: return "en";
    case Language::kSwedish: return "sv";
    case Language::kDanish: return "da";
    case Language::kDutch: return "nl";
    case Language::kGerman: return "de";
    default: return "und";
  }
}

Language LanguageFromCode(absl::string_view code) {
  const std::string primary =
      absl::AsciiStrToLower(code.substr(0, code.find('-')));
  for (Language l : kLanguages) {
    if (LanguageCode(l) == primary) return l;
  }
  return Language::kUnknown;
}

namespace {

// What a word is in each language: bit (4 * (language - 1) + role) for the
// roles below, plus kMoreEnglish. One lookup answers every question asked of
// a word (several per word of every comment, for each language).
enum Role { kStopword, kNegator, kIntensifier, kContrast };
constexpr uint32_t kMoreEnglish = uint32_t{1} << 20;

constexpr uint32_t RoleBit(Language language, Role role) {
  return uint32_t{1} << (4 * (static_cast<int>(language) - 1) + role);
}

uint32_t RolesOf(absl::string_view token) {
  static const auto* roles = [] {
    auto* table = new absl::flat_hash_map<absl::string_view, uint32_t>;
    for (Language l : kLanguages) {
      const LanguageWords& words = WordsOf(l);
      for (const auto& [set, role] :
           {std::pair{&words.stopwords, kStopword},
            std::pair{&words.negators, kNegator},
            std::pair{&words.intensifiers, kIntensifier},
            std::pair{&words.contrast, kContrast}}) {
        for (absl::string_view w : *set) (*table)[w] |= RoleBit(l, role);
      }
    }
    // Not "also" (German), "even" (Dutch), "by" (Danish), "am" (German): as
    // stopwords they would count towards English in those languages' texts,
    // so these are function words of English without being its stopwords.
    for (absl::string_view w :
         {"since", "because", "some", "any", "more", "much", "many", "other",
          "always", "every", "its", "them", "she", "he", "his", "her", "him",
          "us", "why", "how", "who", "where", "these", "those", "should",
          "into", "out", "being", "while", "each", "such", "own", "same",
          "both"}) {
      (*table)[w] |= kMoreEnglish;
    }
    return table;
  }();
  const auto it = roles->find(token);
  return it == roles->end() ? 0 : it->second;
}

bool Has(Language language, Role role, absl::string_view token) {
  return language != Language::kUnknown &&
         (RolesOf(token) & RoleBit(language, role)) != 0;
}

// A stopword of any of the five languages.
constexpr uint32_t kAnyStopword =
    RoleBit(Language::kEnglish, kStopword) | RoleBit(Language::kSwedish, kStopword) |
    RoleBit(Language::kDanish, kStopword) | RoleBit(Language::kDutch, kStopword) |
    RoleBit(Language::kGerman, kStopword);

}  // namespace

bool IsStopword(Language language, absl::string_view token) {
  return Has(language, kStopword, token);
}
bool IsNegator(Language language, absl::string_view token) {
  return Has(language, kNegator, token);
}
bool IsIntensifier(Language language, absl::string_view token) {
  return Has(language, kIntensifier, token);
}
bool IsContrast(Language language, absl::string_view token) {
  return Has(language, kContrast, token);
}

bool IsFunctionWord(Language language, absl::string_view token) {
  if (language == Language::kUnknown) return false;
  const uint32_t all_roles = 0xF << (4 * (static_cast<int>(language) - 1));
  const uint32_t roles = RolesOf(token);
  return (roles & all_roles) != 0 ||
         (language == Language::kEnglish && (roles & kMoreEnglish) != 0);
}

Language IdentifyLanguage(const std::vector<std::string>& tokens) {
  double score[6] = {0, 0, 0, 0, 0, 0};
  for (const std::string& token : tokens) {
    const uint32_t roles = RolesOf(token);
    for (Language l : kLanguages) {
      if (roles & RoleBit(l, kStopword)) score[static_cast<int>(l)] += 1.0;
    }
    ScoreLetters(token, score);
  }
  Language best = Language::kUnknown;
  double best_score = 0, second = 0;
  for (Language l : kLanguages) {
    const double s = score[static_cast<int>(l)];
    if (s > best_score) {
      second = best_score;
      best_score = s;
      best = l;
    } else if (s > second) {
      second = s;
    }
  }
  // One function word is not evidence; neither is a dead heat.
  if (best_score < 1.0 || best_score - second < 0.25) return Language::kUnknown;
  return best;
}

bool IsOtherLanguage(const std::vector<std::string>& tokens) {
  // Frequent words of those languages that none of the five uses.
  static const auto* other = new absl::flat_hash_set<std::string>{
      // French
      "le", "la", "les", "et", "est", "très", "merci", "une", "pour", "pas",
      "avec", "nous", "vous", "mais", "été", "était",
      // Spanish
      "el", "los", "las", "y", "muy", "fue", "pero", "gracias", "por", "una",
      "con", "para", "mi", "su", "del", "lo",
      // Portuguese
      "os", "pela", "pelo", "muito", "obrigado", "obrigada", "não", "uma",
      "com", "foi", "mas", "meu", "minha",
      // Italian
      "il", "è", "molto", "grazie", "non", "della", "per", "sono", "ma",
      "che", "gli", "un"};
  bool other_seen = false;
  for (const std::string& token : tokens) {
    if (RolesOf(token) & kAnyStopword) return false;
    other_seen = other_seen || other->contains(token);
  }
  return other_seen;
}

}  // namespace cx::feedback::text
