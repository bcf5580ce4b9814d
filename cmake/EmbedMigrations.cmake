# Generates a C++ source that embeds a service's migrations/NNNN_name.sql files.
# Run as: cmake -DDIR=... -DOUT=... -DFUNCTION=... -P EmbedMigrations.cmake
file(GLOB files RELATIVE "${DIR}" "${DIR}/[0-9][0-9][0-9][0-9]_*.sql")
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  string(REGEX MATCH "^([0-9]+)_(.*)\\.sql$" _ "${f}")
  math(EXPR version "${CMAKE_MATCH_1}")
  set(name "${CMAKE_MATCH_2}")
  file(READ "${DIR}/${f}" sql)
  string(APPEND body "      {${version}, \"${name}\", R\"cxsql(${sql})cxsql\"},\n")
endforeach()
set(content "// Generated from ${DIR} by cmake/EmbedMigrations.cmake. Do not edit.
#include <vector>
#include \"common/mysql/migrations.h\"

namespace cx {
const std::vector<Migration>& ${FUNCTION}() {
  static const auto* migrations = new std::vector<Migration>{
${body}  };
  return *migrations;
}
}  // namespace cx
")
include(${CMAKE_CURRENT_LIST_DIR}/WriteIfChanged.cmake)
write_if_changed("${OUT}" "${content}")
