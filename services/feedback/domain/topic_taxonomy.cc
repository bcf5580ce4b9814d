#include "services/feedback/domain/topic_taxonomy.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "services/feedback/domain/text/tokenizer.h"
#include "services/feedback/domain/topic_name.h"

namespace cx::feedback {

absl::Status ValidateTaxonomy(const v1::TopicTaxonomy& taxonomy) {
  FieldViolations v;
  if (taxonomy.topics_size() > 50) v.Add("taxonomy.topics", "at most 50 topics");
  std::set<std::string> names;
  for (int i = 0; i < taxonomy.topics_size(); ++i) {
    const v1::TopicDefinition& topic = taxonomy.topics(i);
    const std::string f = absl::StrCat("taxonomy.topics[", i, "]");
    if (!IsTopicName(topic.name())) {
      v.Add(f + ".name", "must match [a-z0-9_]{1,40}");
    } else if (!names.insert(topic.name()).second) {
      v.Add(f + ".name", absl::StrCat("duplicate topic '", topic.name(), "'"));
    }
    for (const auto& [language, list] : topic.keywords()) {
      const std::string kf = absl::StrCat(f, ".keywords[", language, "]");
      if (text::LanguageFromCode(language) == text::Language::kUnknown ||
          language.size() != 2) {
        v.Add(kf, "keys are en, sv, da, nl or de");
      } else if (list.keywords_size() > 100) {
        v.Add(kf, "at most 100 keywords per language");
      }
      for (const std::string& keyword : list.keywords()) {
        if (keyword.empty() || keyword.size() > 60 ||
            text::Tokenize(keyword, {}).empty()) {
          v.Add(kf, "keywords need 1 to 60 characters, letters or digits");
          break;
        }
      }
    }
  }
  return v.ToStatus();
}

text::TopicTaxonomy TaxonomyFromProto(const v1::TopicTaxonomy& taxonomy) {
  text::TopicTaxonomy out;
  for (const v1::TopicDefinition& topic : taxonomy.topics()) {
    text::Topic t;
    t.name = topic.name();
    for (const auto& [language, list] : topic.keywords()) {
      auto& keywords = t.keywords[text::LanguageFromCode(language)];
      for (const std::string& keyword : list.keywords()) {
        keywords.push_back(absl::StrJoin(text::Tokenize(keyword, {}), " "));
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

v1::TopicTaxonomy TaxonomyToProto(const text::TopicTaxonomy& taxonomy) {
  v1::TopicTaxonomy out;
  for (const text::Topic& topic : taxonomy) {
    v1::TopicDefinition* t = out.add_topics();
    t->set_name(topic.name);
    for (const auto& [language, keywords] : topic.keywords) {
      auto& list = (*t->mutable_keywords())[std::string(text::LanguageCode(language))];
      for (const std::string& k : keywords) list.add_keywords(k);
    }
  }
  return out;
}

}  // namespace cx::feedback
