// The form of a topic's name, shared by taxonomies and the rules that name
// their topics.
#ifndef CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_NAME_H_
#define CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_NAME_H_

#include <string>

namespace cx::feedback {

// [a-z0-9_]{1,40}.
inline bool IsTopicName(const std::string& name) {
  if (name.empty() || name.size() > 40) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_DOMAIN_TOPIC_NAME_H_
