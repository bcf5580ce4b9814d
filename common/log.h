// A small structured-logging facade (Abseil 20220623 has no absl/log): one JSON
// object per line on stderr. Lines written while a RequestLogScope is alive on
// the thread carry that call's method and request id.
#ifndef CX_COMMON_LOG_H_
#define CX_COMMON_LOG_H_

#include <initializer_list>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"

namespace cx {

using LogFields =
    std::initializer_list<std::pair<absl::string_view, absl::string_view>>;

void LogInfo(absl::string_view message, LogFields fields = {});
void LogWarning(absl::string_view message, LogFields fields = {});
void LogError(absl::string_view message, LogFields fields = {});

// Tags the current thread's log lines with a call's method and request id
// until destroyed. Scopes nest; not shared across threads.
class RequestLogScope {
 public:
  RequestLogScope(std::string method, std::string request_id);
  ~RequestLogScope();
  RequestLogScope(const RequestLogScope&) = delete;
  RequestLogScope& operator=(const RequestLogScope&) = delete;

 private:
  std::string previous_method_;
  std::string previous_request_id_;
};

// Renders one log line (exposed for tests).
std::string FormatLogLine(absl::string_view level, absl::string_view message,
                          LogFields fields);

}  // namespace cx

#endif  // CX_COMMON_LOG_H_
