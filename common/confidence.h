// The confidence level of every interval and test cxp reports.
#ifndef CX_COMMON_CONFIDENCE_H_
#define CX_COMMON_CONFIDENCE_H_

namespace cx {

// Two-sided 95%: the standard normal's 97.5th percentile.
inline constexpr double kZ95 = 1.959963984540054;

}  // namespace cx

#endif  // CX_COMMON_CONFIDENCE_H_
