# cx_embed_migrations(target dir function): compiles dir/NNNN_*.sql into
# `const std::vector<cx::Migration>& function()` linked into target.
function(cx_embed_migrations target dir function)
  file(GLOB sql_files CONFIGURE_DEPENDS ${dir}/[0-9][0-9][0-9][0-9]_*.sql)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${function}.cc)
  # The file list, rewritten only when it changes: a removed migration must
  # regenerate `out` too, and a dependency that vanished cannot trigger that.
  set(listing ${CMAKE_CURRENT_BINARY_DIR}/${function}.files)
  file(CONFIGURE OUTPUT ${listing} CONTENT "${sql_files}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DDIR=${dir} -DOUT=${out} -DFUNCTION=${function}
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedMigrations.cmake
    DEPENDS ${sql_files} ${listing}
            ${CMAKE_SOURCE_DIR}/cmake/EmbedMigrations.cmake
    COMMENT "embedding migrations of ${dir}")
  target_sources(${target} PRIVATE ${out})
endfunction()
