// Writing case rows and events, shared by the response store (cases opened
// with a response) and the case store (later changes). Call inside a
// ConnectionPool transaction.
#ifndef CX_SERVICES_FEEDBACK_STORE_MYSQL_CASE_ROWS_H_
#define CX_SERVICES_FEEDBACK_STORE_MYSQL_CASE_ROWS_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/mysql/session.h"
#include "common/mysql/sql_executor.h"
#include "cx/feedback/v1/case.pb.h"
#include "services/feedback/store/opened_case.h"
#include "services/feedback/store/resource_names.h"

namespace cx::feedback {

struct CaseToOpen {
  std::string tenant;
  std::string id;
  const v1::Case* opened;  // not owned
  absl::Time time;
  // SerializeOpenedCase(id, *opened, time) when the caller has it already
  // (not owned); else null, and InsertCases serializes.
  const OpenedCaseBodies* bodies = nullptr;
};

// Inserts new cases (revision 1), each with its OPENED event by "system" in
// its own row (migrations/0012), with two statements per tenant whatever
// their count: group commit opens many at once. `cases` must be sorted by tenant (the order counter rows
// are locked in, which keeps concurrent batches from deadlocking).
void InsertCases(SqlExecutor& s, const std::vector<CaseToOpen>& cases);

// Stores `c` at `revision` and appends an event (recording `previous_owner`
// when the change reassigned the case); returns the event.
v1::CaseEvent UpdateCase(Session& s, const std::string& tenant,
                         const std::string& id, const v1::Case& c,
                         const std::string& previous_owner, int64_t revision,
                         const std::string& actor, v1::CaseEvent::Kind kind,
                         absl::Time now);

}  // namespace cx::feedback

#endif  // CX_SERVICES_FEEDBACK_STORE_MYSQL_CASE_ROWS_H_
