#include "services/feedback/domain/text/topics.h"

#include <algorithm>
#include <bitset>
#include <cstring>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

namespace cx::feedback::text {
namespace {

using L = Language;

// Whether `token` is `keyword` or, for a keyword of four or more
// characters, begins with it. Most pairs differ in length or first byte, so
// those are compared before the bytes.
bool WordMatches(const std::string& token, const std::string& keyword) {
  if (keyword.empty() || token.size() < keyword.size() ||
      token[0] != keyword[0]) {
    return false;
  }
  if (keyword.size() < 4 && token.size() != keyword.size()) return false;
  return std::memcmp(token.data(), keyword.data(), keyword.size()) == 0;
}

bool KeywordAt(absl::Span<const std::string> tokens, size_t i,
               const std::vector<std::string>& parts) {
  if (i + parts.size() > tokens.size()) return false;
  for (size_t k = 0; k < parts.size(); ++k) {
    const std::string& token = tokens[i + k];
    const std::string& part = parts[k];
    const bool last = k + 1 == parts.size();
    const bool ok = last ? WordMatches(token, part) : token == part;
    if (!ok) return false;
  }
  return true;
}

// The first bytes of `tokens`: a keyword whose first byte is not among them
// cannot match (most keywords of a taxonomy, for a short comment).
using FirstBytes = std::bitset<256>;
FirstBytes FirstBytesOf(absl::Span<const std::string> tokens) {
  FirstBytes first;
  for (const std::string& token : tokens) {
    if (!token.empty()) first.set(static_cast<unsigned char>(token[0]));
  }
  return first;
}

bool Mentions(absl::Span<const std::string> tokens, const FirstBytes& first,
              const std::vector<std::string>& keywords) {
  for (const std::string& keyword : keywords) {
    if (keyword.empty() || !first[static_cast<unsigned char>(keyword[0])]) {
      continue;
    }
    if (keyword.find(' ') == std::string::npos) {  // the common case, no split
      for (const std::string& token : tokens) {
        if (WordMatches(token, keyword)) return true;
      }
      continue;
    }
    const std::vector<std::string> parts = absl::StrSplit(keyword, ' ');
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (KeywordAt(tokens, i, parts)) return true;
    }
  }
  return false;
}

bool IsNumber(const std::string& token) {
  return std::all_of(token.begin(), token.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

const TopicTaxonomy& DefaultTaxonomy() {
  static const auto* taxonomy = new TopicTaxonomy{
      {"delivery",
       {{L::kEnglish, {"deliver", "shipping", "shipped", "shipment", "package",
                       "parcel", "courier", "arrive", "late", "tracking"}},
        {L::kSwedish, {"leverans", "leverera", "levererad", "paket", "frakt",
                       "försen", "kom fram", "budet", "spårning"}},
        {L::kDanish, {"levering", "leveret", "pakke", "fragt", "forsink",
                      "kom frem", "bud", "sporing"}},
        {L::kDutch, {"levering", "geleverd", "bezorg", "pakket", "verzend",
                     "verzonden", "te laat", "koerier"}},
        {L::kGerman, {"lieferung", "geliefert", "liefer", "paket", "versand",
                      "zustell", "verspät", "kurier"}}}},
      {"price",
       {{L::kEnglish, {"price", "expensive", "cheap", "cost", "overpriced",
                       "value for money", "afford"}},
        {L::kSwedish, {"pris", "dyr", "dyrt", "billig", "kostar", "kostnad",
                       "prisvärd"}},
        {L::kDanish, {"pris", "dyr", "dyrt", "billig", "koster", "omkostning"}},
        {L::kDutch, {"prijs", "duur", "goedkoop", "kost", "kosten"}},
        {L::kGerman, {"preis", "teuer", "billig", "kostet", "kosten",
                      "günstig"}}}},
      {"support",
       {{L::kEnglish, {"support", "customer service", "agent", "helpdesk",
                       "staff", "answer", "response time", "helpful"}},
        {L::kSwedish, {"support", "kundtjänst", "kundservice", "personal",
                       "hjälp", "svar", "bemötande"}},
        {L::kDanish, {"support", "kundeservice", "personale", "hjælp", "svar",
                      "medarbejder"}},
        {L::kDutch, {"support", "klantenservice", "medewerker", "hulp",
                     "antwoord", "helpdesk"}},
        {L::kGerman, {"support", "kundenservice", "kundendienst",
                      "mitarbeiter", "hilfe", "antwort", "hotline"}}}},
      {"product_quality",
       {{L::kEnglish, {"quality", "broken", "defect", "faulty", "product",
                       "works", "stopped working", "crash"}},
        {L::kSwedish, {"kvalitet", "trasig", "produkt", "fungerar", "defekt",
                       "kraschar", "slutade fungera"}},
        {L::kDanish, {"kvalitet", "ødelagt", "produkt", "virker", "defekt",
                      "holdt op"}},
        {L::kDutch, {"kwaliteit", "kapot", "product", "werkt", "defect",
                     "gebrekkig"}},
        {L::kGerman, {"qualität", "kaputt", "produkt", "defekt",
                      "funktioniert", "mangelhaft"}}}},
      {"billing",
       {{L::kEnglish, {"invoice", "bill", "billing", "billed", "charged",
                       "refund", "payment", "subscription"}},
        {L::kSwedish, {"faktura", "debiter", "återbetal", "betalning",
                       "dragit", "abonnemang"}},
        {L::kDanish, {"faktura", "regning", "refusion", "betaling", "trukket",
                      "abonnement"}},
        {L::kDutch, {"factuur", "rekening", "terugbetal", "betaling",
                     "afgeschreven", "abonnement"}},
        {L::kGerman, {"rechnung", "abgebucht", "rückerstattung", "zahlung",
                      "erstattung", "abonnement", "abbuchung"}}}},
  };
  return *taxonomy;
}

std::vector<std::string> MatchTopics(absl::Span<const std::string> tokens,
                                     Language language,
                                     const TopicTaxonomy& taxonomy) {
  std::vector<std::string> topics;
  const FirstBytes first = FirstBytesOf(tokens);
  for (const Topic& topic : taxonomy) {
    bool found = false;
    for (const auto& [lang, keywords] : topic.keywords) {
      if (language != Language::kUnknown && lang != language) continue;
      if (Mentions(tokens, first, keywords)) {
        found = true;
        break;
      }
    }
    if (found) topics.push_back(topic.name);
  }
  return topics;
}

std::vector<std::string> TopKeywords(const std::vector<std::string>& tokens,
                                     Language language, size_t n) {
  // Views of `tokens`: counted and ranked without copying a word until it
  // is one of the n returned.
  absl::flat_hash_map<absl::string_view, std::pair<int, size_t>> seen;  // count, first
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t.size() < 3 || IsNumber(t) || IsFunctionWord(language, t) ||
        IsFunctionWord(Language::kEnglish, t)) {
      continue;
    }
    auto [it, inserted] = seen.try_emplace(t, 0, i);
    ++it->second.first;
  }
  std::vector<std::pair<absl::string_view, std::pair<int, size_t>>> ranked(
      seen.begin(), seen.end());
  const auto top = ranked.begin() + std::min(n, ranked.size());
  std::partial_sort(ranked.begin(), top, ranked.end(),
                    [](const auto& a, const auto& b) {
                      if (a.second.first != b.second.first) {
                        return a.second.first > b.second.first;
                      }
                      return a.second.second < b.second.second;
                    });
  std::vector<std::string> out;
  for (auto it = ranked.begin(); it != top; ++it) out.emplace_back(it->first);
  return out;
}

}  // namespace cx::feedback::text
