// RETURN_IF_ERROR / ASSIGN_OR_RETURN: Abseil 20220623 ships no status macros,
// so cxp defines them once here.
#ifndef CX_COMMON_STATUS_STATUS_MACROS_H_
#define CX_COMMON_STATUS_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define CX_STATUS_CONCAT_INNER_(a, b) a##b
#define CX_STATUS_CONCAT_(a, b) CX_STATUS_CONCAT_INNER_(a, b)

// Returns the status of `expr` from the enclosing function unless it is OK.
#define RETURN_IF_ERROR(expr)                        \
  do {                                               \
    const ::absl::Status cx_status_ = (expr);        \
    if (!cx_status_.ok()) return cx_status_;         \
  } while (0)

// `ASSIGN_OR_RETURN(auto x, MakeX());` declares/assigns the value of a
// StatusOr or returns its error from the enclosing function.
#define ASSIGN_OR_RETURN(lhs, expr)                                      \
  CX_ASSIGN_OR_RETURN_IMPL_(CX_STATUS_CONCAT_(cx_statusor_, __LINE__), \
                            lhs, expr)
#define CX_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                              \
  if (!statusor.ok()) return statusor.status();        \
  lhs = *std::move(statusor)

#endif  // CX_COMMON_STATUS_STATUS_MACROS_H_
