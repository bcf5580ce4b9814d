#include <openssl/sha.h>

#include "absl/strings/escaping.h"
#include "services/feedback/store/erasure_store.h"

namespace cx::feedback {

std::string ErasedCustomerKey(const std::string& tenant,
                              const std::string& customer_id) {
  // NUL separates the parts: tenant ids cannot contain it.
  const std::string input = tenant + std::string(1, '\0') + customer_id;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

}  // namespace cx::feedback
