#!/usr/bin/env bash
# Instructions per stored response, of cx-feedback and of MariaDB, under 16
# SubmitResponses streams: each process under callgrind in turn (the other
# runs at full speed), counting only while the streams run, after a warm-up.
# Unlike the timed benchmarks, the counts do not move with the VM's speed, so
# two builds (or two schemas) compare within a percent; what the ingest
# changes of 2026-12-08 were judged by.
#
#   bench/ingest/instructions.sh BUILD_DIR [SECONDS]      (15 by default)
#
# Needs valgrind (apt-get install valgrind; not a dependency of ./cx). Starts
# a throwaway MariaDB of its own in a temporary directory. With
# KEEP_CALLGRIND=DIR the two profiles are kept there for callgrind_annotate.
set -euo pipefail
build=$(cd "${1:?BUILD_DIR}" && pwd)
seconds=${2:-15}
command -v valgrind >/dev/null || { echo "needs valgrind: apt-get install valgrind" >&2; exit 2; }
work=$(mktemp -d)
trap 'kill -TERM $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

export CX_MYSQL_SOCKET="$work/mysqld.sock" CX_MYSQL_USER=root CX_MYSQL_PASSWORD=
export CX_JWT_SECRET=instructions-bench-secret-0123456789abcdef
as_root=(); [[ $(id -u) -eq 0 ]] && as_root=(--user=root)
mariadb-install-db --no-defaults "${as_root[@]}" --datadir="$work/data" \
  --auth-root-authentication-method=normal --skip-test-db >"$work/install.log" 2>&1
sql() { mariadb --no-defaults --socket="$CX_MYSQL_SOCKET" -uroot -N -e "$1"; }

# start_mariadb [WRAPPER...]: mariadbd as scripts/mariadb.sh runs it, under
# WRAPPER if given (valgrind needs the buffer pool's address range bounded).
start_mariadb() {
  "$@" mariadbd --no-defaults "${as_root[@]}" --datadir="$work/data" \
    --socket="$CX_MYSQL_SOCKET" --pid-file="$work/mysqld.pid" --skip-networking \
    --log-error="$work/mariadb.err" --innodb-buffer-pool-size=256M \
    --innodb-buffer-pool-size-max=256M --innodb-log-file-size=256M \
    --innodb-flush-log-at-trx-commit=1 --sync-binlog=0 --innodb-use-native-aio=0 \
    --max-connections=500 --max-prepared-stmt-count=100000 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci >/dev/null 2>&1 &
  mariadb_pid=$!
  for _ in $(seq 1 600); do sql "SELECT 1" >/dev/null 2>&1 && return; sleep 0.5; done
  echo "mariadb did not start; see $work/mariadb.err" >&2; exit 1
}
stop_mariadb() {
  mariadb-admin --no-defaults --socket="$CX_MYSQL_SOCKET" -uroot shutdown
  wait "$mariadb_pid" || true
}

# streams PID PORT DB: a warm-up, then SECONDS of 16 streams with PID's
# callgrind instrumentation on; the responses they stored in `responses`.
streams() {
  local counted=$1 port=$2 db=$3 before
  "$build/bench/ingest_bench" --target="127.0.0.1:$port" --modes=stream \
    --clients=16 --seconds=3 >/dev/null
  before=$(sql "SELECT COUNT(*) FROM $db.responses")
  callgrind_control -i on "$counted" >/dev/null 2>&1
  "$build/bench/ingest_bench" --target="127.0.0.1:$port" --modes=stream \
    --clients=16 --seconds="$seconds" >/dev/null
  callgrind_control -i off "$counted" >/dev/null 2>&1
  responses=$(( $(sql "SELECT COUNT(*) FROM $db.responses") - before ))
}

# report NAME: instructions per response from NAME's callgrind output, which
# its process wrote as it exited.
report() {
  [[ -n ${KEEP_CALLGRIND:-} ]] && cp "$work/$1.cg" "$KEEP_CALLGRIND/"
  callgrind_annotate "$work/$1.cg" 2>/dev/null | awk -v name="$1" -v n="$responses" '
    /PROGRAM TOTALS/ && !done { gsub(",", "", $1); done = 1
      printf "%-12s %7.1fk instructions per stored response (%d responses)\n",
             name, $1 / n / 1000, n }'
}

# feedback DB [WRAPPER...]: cx-feedback on database DB, its pid in
# feedback_pid and its port in feedback_port.
feedback() {
  local db=$1; shift
  rm -f "$work/port"
  CX_MYSQL_DATABASE=$db "$@" "$build/services/feedback/cx-feedback" \
    --listen=127.0.0.1:0 --port_file="$work/port" 2>>"$work/feedback.log" &
  feedback_pid=$!
  for _ in $(seq 1 600); do [[ -s "$work/port" ]] && break; sleep 0.2; done
  feedback_port=$(cat "$work/port")
}

echo "== instructions per stored response, 16 streams, ${seconds}s (callgrind)"
start_mariadb
feedback cx_instr_server valgrind --tool=callgrind --instr-atstart=no \
  --callgrind-out-file="$work/cx-feedback.cg"
streams "$feedback_pid" "$feedback_port" cx_instr_server
kill -TERM "$feedback_pid"; wait "$feedback_pid" || true
stop_mariadb
report cx-feedback

start_mariadb valgrind --tool=callgrind --instr-atstart=no \
  --callgrind-out-file="$work/mariadbd.cg"
feedback cx_instr_database
streams "$mariadb_pid" "$feedback_port" cx_instr_database
kill -TERM "$feedback_pid"; wait "$feedback_pid" || true
stop_mariadb
report mariadbd
