// Protobuf wire format written by hand into a std::string, for messages
// assembled from bytes serialized elsewhere (an embedded message that is
// stored on its own too, a batch of events): no parse-and-reserialize, and no
// CodedOutputStream, whose StringOutputStream grows and zero-fills the string
// in steps (it cost more than the bytes it copied).
#ifndef CX_COMMON_PROTO_WIRE_H_
#define CX_COMMON_PROTO_WIRE_H_

#include <cstdint>
#include <cstring>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"

namespace cx {

// Appends field `field` with wire type LEN (bytes, string or an embedded
// message's serialization).
inline void AppendLengthDelimitedField(int field, absl::string_view bytes,
                                       std::string* out) {
  using google::protobuf::internal::WireFormatLite;
  using google::protobuf::io::CodedOutputStream;
  const uint32_t tag = WireFormatLite::MakeTag(
      field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED);
  const size_t at = out->size();
  out->resize(at + CodedOutputStream::VarintSize32(tag) +
              CodedOutputStream::VarintSize32(bytes.size()) + bytes.size());
  auto* p = reinterpret_cast<uint8_t*>(out->data() + at);
  p = CodedOutputStream::WriteVarint32ToArray(tag, p);
  p = CodedOutputStream::WriteVarint32ToArray(
      static_cast<uint32_t>(bytes.size()), p);
  if (!bytes.empty()) std::memcpy(p, bytes.data(), bytes.size());
}

// Appends field `field` with wire type VARINT (an enum, bool or integer >= 0).
inline void AppendVarintField(int field, uint64_t value, std::string* out) {
  using google::protobuf::internal::WireFormatLite;
  using google::protobuf::io::CodedOutputStream;
  const uint32_t tag =
      WireFormatLite::MakeTag(field, WireFormatLite::WIRETYPE_VARINT);
  const size_t at = out->size();
  out->resize(at + CodedOutputStream::VarintSize32(tag) +
              CodedOutputStream::VarintSize64(value));
  auto* p = reinterpret_cast<uint8_t*>(out->data() + at);
  p = CodedOutputStream::WriteVarint32ToArray(tag, p);
  CodedOutputStream::WriteVarint64ToArray(value, p);
}

}  // namespace cx

#endif  // CX_COMMON_PROTO_WIRE_H_
