#include "common/api/field_mask.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "google/protobuf/util/field_mask_util.h"

namespace cx {

using google::protobuf::FieldMask;
using google::protobuf::util::FieldMaskUtil;

absl::Status ValidateUpdateMask(const FieldMask& mask,
                                const std::set<std::string>& updatable) {
  for (const std::string& path : mask.paths()) {
    if (updatable.count(path) == 0) {
      return InvalidField(
          "update_mask",
          absl::StrCat("path '", path, "' cannot be updated; updatable: ",
                       absl::StrJoin(updatable, ", ")));
    }
  }
  return absl::OkStatus();
}

void ApplyUpdateMask(const FieldMask& mask,
                     const std::set<std::string>& updatable,
                     const google::protobuf::Message& from,
                     google::protobuf::Message* to) {
  FieldMask effective = mask;
  if (effective.paths().empty()) {
    for (const std::string& path : updatable) effective.add_paths(path);
  }
  FieldMaskUtil::MergeOptions options;
  options.set_replace_message_fields(true);
  options.set_replace_repeated_fields(true);
  FieldMaskUtil::MergeMessageTo(from, effective, options, to);
}

}  // namespace cx
