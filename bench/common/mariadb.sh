# Shell helpers for the benchmarks' run.sh scripts (sourced; CX_MYSQL_* set).

# Runs SQL on the benchmark's MariaDB; prints rows without headers.
sql() {
  mariadb --no-defaults --socket="$CX_MYSQL_SOCKET" -u"$CX_MYSQL_USER" -p"$CX_MYSQL_PASSWORD" -N -e "$1"
}

# Returns once InnoDB has written back its dirty pages, so a measurement
# does not pay for the writes before it (sysbench would otherwise run while
# the page cleaner flushes what cx-feedback wrote, a report while an import's
# pages are written back, and look slower than they are).
quiesce() {
  local saved; saved=$(sql "SELECT CONCAT_WS(' ', @@innodb_max_dirty_pages_pct, @@innodb_io_capacity, @@innodb_io_capacity_max)")
  read -r pct io io_max <<<"$saved"
  sql "SET GLOBAL innodb_io_capacity_max = 40000; SET GLOBAL innodb_io_capacity = 20000;
       SET GLOBAL innodb_max_dirty_pages_pct = 0"
  for _ in $(seq 1 240); do
    (( $(sql "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'" | cut -f2) < 100 )) && break
    sleep 0.5
  done
  sql "SET GLOBAL innodb_max_dirty_pages_pct = $pct; SET GLOBAL innodb_io_capacity = $io;
       SET GLOBAL innodb_io_capacity_max = $io_max"
}

# The pid of the benchmark's mariadbd.
mariadbd_pid() {
  cat "$(sql "SELECT @@pid_file")"
}

# User + system CPU seconds process $1 has used so far.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); print ($12 + $13) / hz }' "/proc/$1/stat"
}
