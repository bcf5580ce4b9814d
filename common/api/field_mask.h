// AIP-134 partial updates: validating an update_mask against the fields a
// method lets callers change, and applying it.
#ifndef CX_COMMON_API_FIELD_MASK_H_
#define CX_COMMON_API_FIELD_MASK_H_

#include <set>
#include <string>

#include "absl/status/status.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/message.h"

namespace cx {

// OK when every path of `mask` is in `updatable`; INVALID_ARGUMENT
// (update_mask) naming the first that is not. An empty mask is valid.
absl::Status ValidateUpdateMask(const google::protobuf::FieldMask& mask,
                                const std::set<std::string>& updatable);

// Copies the masked fields of `from` into `to`, replacing (not appending)
// repeated and map fields. An empty mask means every path in `updatable`.
void ApplyUpdateMask(const google::protobuf::FieldMask& mask,
                     const std::set<std::string>& updatable,
                     const google::protobuf::Message& from,
                     google::protobuf::Message* to);

}  // namespace cx

#endif  // CX_COMMON_API_FIELD_MASK_H_
