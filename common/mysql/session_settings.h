// The settings every cxp database connection runs with, whichever client
// library opened it (Session, NativeSession).
#ifndef CX_COMMON_MYSQL_SESSION_SETTINGS_H_
#define CX_COMMON_MYSQL_SESSION_SETTINGS_H_

namespace cx {

// Run in order right after connecting.
//
// UTC everywhere; strict mode so bad data fails instead of being truncated.
// Parameters arrive as bytes (character_set_client = binary): the server
// checks them against each column's character set as it stores them, instead
// of first converting and measuring each one as utf8mb4 (MariaDB used 9% less
// CPU per imported record). Comparisons with a parameter are by bytes, as the
// columns' _bin collations compare, except that trailing spaces count (ids
// never have any). ASCII columns take the bytes as they are: the ids stored
// there are validated before they reach a store. Results stay utf8mb4.
// The isolation level statement is valid on MariaDB 10.11 and MySQL 8 alike
// (their variable names differ).
inline constexpr const char* kSessionSettings[] = {
    "SET SESSION character_set_client = binary, time_zone = '+00:00', "
    "sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'",
    "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
};

}  // namespace cx

#endif  // CX_COMMON_MYSQL_SESSION_SETTINGS_H_
