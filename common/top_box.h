// DESIGN.md's top boxes: CSAT (1-5) counts the 4s and 5s, CES (1-7) the
// 5s to 7s.
#ifndef CX_COMMON_TOP_BOX_H_
#define CX_COMMON_TOP_BOX_H_

namespace cx {

inline constexpr int kCsatTopBoxFrom = 4;
inline constexpr int kCesTopBoxFrom = 5;

}  // namespace cx

#endif  // CX_COMMON_TOP_BOX_H_
