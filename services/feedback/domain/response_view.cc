#include "services/feedback/domain/response_view.h"

#include "common/status/errors.h"

namespace cx::feedback {

absl::Status ValidateResponseView(v1::ResponseView view) {
  if (!v1::ResponseView_IsValid(view)) {
    return InvalidField("view", "must be RESPONSE_VIEW_BASIC or RESPONSE_VIEW_FULL");
  }
  return absl::OkStatus();
}

void ApplyResponseView(v1::ResponseView view, v1::Response* response) {
  if (view != v1::RESPONSE_VIEW_BASIC) return;
  response->clear_answers();
  response->clear_attributes();
  response->clear_touchpoint();
  response->clear_team();
  response->clear_agent();
}

}  // namespace cx::feedback
