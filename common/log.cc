#include "common/log.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace cx {
namespace {

thread_local std::string tls_method;
thread_local std::string tls_request_id;

void AppendJsonString(std::string* out, absl::string_view s) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c < 0x20) {
          absl::StrAppendFormat(out, "\\u%04x", c);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

void AppendField(std::string* out, absl::string_view key,
                 absl::string_view value) {
  out->push_back(',');
  AppendJsonString(out, key);
  out->push_back(':');
  AppendJsonString(out, value);
}

void Write(absl::string_view level, absl::string_view message,
           LogFields fields) {
  std::string line = FormatLogLine(level, message, fields);
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace

std::string FormatLogLine(absl::string_view level, absl::string_view message,
                          LogFields fields) {
  std::string line = "{\"ts\":";
  AppendJsonString(&line, absl::FormatTime(absl::RFC3339_sec, absl::Now(),
                                           absl::UTCTimeZone()));
  AppendField(&line, "level", level);
  AppendField(&line, "msg", message);
  if (!tls_method.empty()) AppendField(&line, "method", tls_method);
  if (!tls_request_id.empty()) AppendField(&line, "request_id", tls_request_id);
  for (const auto& [key, value] : fields) AppendField(&line, key, value);
  line.push_back('}');
  return line;
}

void LogInfo(absl::string_view message, LogFields fields) {
  Write("INFO", message, fields);
}
void LogWarning(absl::string_view message, LogFields fields) {
  Write("WARNING", message, fields);
}
void LogError(absl::string_view message, LogFields fields) {
  Write("ERROR", message, fields);
}

RequestLogScope::RequestLogScope(std::string method, std::string request_id)
    : previous_method_(std::exchange(tls_method, std::move(method))),
      previous_request_id_(
          std::exchange(tls_request_id, std::move(request_id))) {}

RequestLogScope::~RequestLogScope() {
  tls_method = std::move(previous_method_);
  tls_request_id = std::move(previous_request_id_);
}

}  // namespace cx
