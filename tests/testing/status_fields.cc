#include "tests/testing/status_fields.h"

#include "common/status/errors.h"
#include "google/rpc/error_details.pb.h"

namespace cx::testing {

std::vector<std::string> BadRequestFields(const absl::Status& status) {
  google::rpc::BadRequest bad;
  std::vector<std::string> fields;
  if (GetBadRequest(status, &bad)) {
    for (const auto& v : bad.field_violations()) fields.push_back(v.field());
  }
  return fields;
}

std::vector<std::string> BadRequestFields(const grpc::Status& status) {
  return BadRequestFields(FromGrpcStatus(status));
}

}  // namespace cx::testing
