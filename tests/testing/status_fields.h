// The fields named by the BadRequest detail of a status, for assertions.
#ifndef CX_TESTS_TESTING_STATUS_FIELDS_H_
#define CX_TESTS_TESTING_STATUS_FIELDS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/grpc/status_conversion.h"
#include "grpcpp/support/status.h"

namespace cx::testing {

std::vector<std::string> BadRequestFields(const absl::Status& status);
std::vector<std::string> BadRequestFields(const grpc::Status& status);

}  // namespace cx::testing

#endif  // CX_TESTS_TESTING_STATUS_FIELDS_H_
