#!/usr/bin/env bash
# bench/ingest: acknowledged responses/s and p50/p99 at 1 and 64 clients
# sharing one connection, over SubmitResponse calls and over SubmitResponses
# streams, and of 64 calling clients on a connection each; ImportResponses
# records/s; 64 SubmitResponse clients while an import runs; sysbench
# oltp_insert (16 threads) on the same MariaDB before, between and after the
# call and stream phases (streams also with RESPONSE_VIEW_BASIC acks), and
# each one's ratio against the sysbench runs
# around it; and the gRPC floor: the same clients against a server that
# answers at once (bench/ingest/grpc_floor_server.cc), what the protocol
# alone costs before a response is checked, analysed or stored.
# Called by `./cx bench` with CX_MYSQL_* and CX_JWT_SECRET set for a private
# MariaDB. Usage: run.sh BUILD_DIR [SECONDS] (20 by default)
set -euo pipefail
build=${1:?BUILD_DIR}
seconds=${2:-20}
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill -TERM $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

# shellcheck source=../common/mariadb.sh
source "$(dirname "$0")/../common/mariadb.sh"

# One phase: a cx-feedback on an empty database of its own, like sysbench's
# freshly prepared table (otherwise a phase inherits the rows, and the buffer
# pool pressure, of the phases before it).
phase() {
  start_feedback "$1"; shift
  "$build/bench/ingest_bench" --target="$target" --seconds="$seconds" \
    --cpu_of="cx-feedback=$pid,mariadbd=$(mariadbd_pid)" "$@" |
    tee -a "$work/cx.txt" | grep -v '^RESULT'
  stop_feedback
}

# A cx-feedback on the empty database cx_bench_<pid>_$1, at $target, once
# InnoDB has written back what came before.
start_feedback() {
  db="cx_bench_$$_$1"
  rm -f "$work/port"
  CX_MYSQL_DATABASE=$db "$build/services/feedback/cx-feedback" --listen=127.0.0.1:0 \
    --port_file="$work/port" 2>>"$work/feedback.log" &
  pid=$!
  for _ in $(seq 1 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
  quiesce
  target="127.0.0.1:$(cat "$work/port")"
}
stop_feedback() {
  kill -TERM $pid; wait $pid 2>/dev/null || true; pid=
  sql "DROP DATABASE IF EXISTS $db"
}

# Live calls while an import runs: 64 SubmitResponse clients for 10 s,
# started 2 s into an import big enough to outlast them.
live_during_import() {
  start_feedback mixed
  "$build/bench/ingest_bench" --target="$target" --modes=none --import_records=600000 \
    >"$work/mixed_import.txt" &
  local importer=$!
  sleep 2
  "$build/bench/ingest_bench" --target="$target" --seconds=10 --modes=unary --clients=64 |
    grep -v '^RESULT' | sed 's/^/during the import: /'
  kill -0 $importer 2>/dev/null ||
    echo "(the import ended before the live calls did: the figure above is not all during it)"
  wait $importer || true
  grep -v '^RESULT' "$work/mixed_import.txt" | sed 's/$/ (live calls running for 10 s of it)/'
  stop_feedback
}

# 64 clients, calls then streams, against grpc_floor_server.
floor_phase() {
  rm -f "$work/port"
  "$build/bench/grpc_floor_server" --port_file="$work/port" 2>>"$work/floor.log" &
  pid=$!
  for _ in $(seq 1 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
  "$build/bench/ingest_bench" --target="127.0.0.1:$(cat "$work/port")" \
    --seconds="$seconds" --modes=unary,stream --clients=64 \
    --cpu_of="grpc_floor_server=$pid" |
    sed 's/^RESULT mode=/RESULT mode=floor_/' | tee -a "$work/cx.txt" |
    grep -v '^RESULT' | sed 's/^/gRPC floor, nothing stored: /'
  kill -TERM $pid; wait $pid 2>/dev/null || true; pid=
}

# sysbench oltp_insert, 16 threads, on a freshly prepared table; appends its
# inserts/s to $work/sb_rates and prints them.
sb=(sysbench oltp_insert --db-driver=mysql --mysql-socket="$CX_MYSQL_SOCKET"
    --mysql-user="$CX_MYSQL_USER" --mysql-password="$CX_MYSQL_PASSWORD"
    --mysql-db="sbtest_$$" --tables=1 --table-size=10000)
sysbench_phase() {
  sql "CREATE DATABASE IF NOT EXISTS sbtest_$$"
  "${sb[@]}" prepare >/dev/null
  quiesce
  local db_pid db_before TIMEFORMAT='%U %S'
  db_pid=$(mariadbd_pid); db_before=$(cpu_seconds "$db_pid")
  { time "${sb[@]}" --threads=16 --time="$seconds" --report-interval=0 run >"$work/sb.txt"; } 2>"$work/sb_cpu"
  local db_cpu; db_cpu=$(awk -v a="$db_before" -v b="$(cpu_seconds "$db_pid")" 'BEGIN { print b - a }')
  "${sb[@]}" cleanup >/dev/null
  sql "DROP DATABASE IF EXISTS sbtest_$$"
  local rate p95
  rate=$(awk '/transactions:/ { gsub(/\(/, "", $3); print $3 }' "$work/sb.txt")
  p95=$(awk '/95th percentile:/ { print $3 }' "$work/sb.txt")
  echo "$rate" >>"$work/sb_rates"
  echo "sysbench oltp_insert, 16 threads: ${rate} inserts/s  p95 ${p95} ms"
  # CPU per insert, as ingest_bench reports CPU per ack (bash's `time` line
  # is the file's last; sysbench's own stderr may come before it).
  awk -v rate="$rate" -v s="$seconds" -v db="$db_cpu" '{ user = $1; sys = $2 } END {
    n = rate * s; client = (user + sys) * 1e6 / n; server = db * 1e6 / n
    printf "  CPU per insert: sysbench %.1f us, mariadbd %.1f us = %.1f us (%.2f cores busy)\n",
      client, server, client + server, (client + server) * rate / 1e6 }' "$work/sb_cpu"
}

# A VM's speed can drift by a third within minutes (seen on the 2-core dev
# machine), so each cx phase runs between two sysbench runs and is compared
# with their mean.
echo "== cx-feedback ingest (${seconds}s per mode and client count), each between sysbench oltp_insert runs (16 threads, ${seconds}s) on the same MariaDB; client, server and MariaDB share $(nproc) cores"
sysbench_phase
phase unary --modes=unary --clients=1,64
sysbench_phase
phase stream --modes=stream --clients=1,64
sysbench_phase
# A feed that does not need its answers echoed asks for basic acks.
phase stream_basic --modes=stream --clients=64 --basic_acks
sysbench_phase
# The clients above share one connection, as the calls of one BFF do; here
# each has its own, as 64 separate services would (more, smaller writes).
phase unary_own --modes=unary --clients=64 --channels=64
sysbench_phase
floor_phase
phase import --modes=none --import_records=200000
live_during_import

# Goal on a 2-core machine: 64 clients at >= 1.0x sysbench's rate, p99 <= 25 ms.
mapfile -t sb_rates <"$work/sb_rates"
ratio() {  # mode, connections, sysbench run before, sysbench run after
  awk -v mode="$1" -v conns="$2" -v before="$3" -v after="$4" '$1 == "RESULT" && $2 == "mode=" mode && $3 == "clients=64" && $8 == "connections=" conns {
    split($4, rate, "="); split($6, p99, "="); sb = (before + after) / 2
    printf "ratio: %s at 64 clients on %d connection(s) / sysbench oltp_insert before and after (%.0f/s) = %.2f (p99 %s ms; goal >= 1.00 with p99 <= 25 ms: %s)\n",
      mode, conns, sb, rate[2] / sb, p99[2], (rate[2] >= sb && p99[2] <= 25) ? "met" : "not met" }' "$work/cx.txt"
}
ratio unary 1 "${sb_rates[0]}" "${sb_rates[1]}"
ratio stream 1 "${sb_rates[1]}" "${sb_rates[2]}"
ratio stream_basic 1 "${sb_rates[2]}" "${sb_rates[3]}"
ratio unary 64 "${sb_rates[3]}" "${sb_rates[4]}"
# The floor against the mean of all sysbench runs: how far the protocol alone
# is from the goal, before a response is stored.
awk -v sb="$(awk '{ s += $1 } END { print s / NR }' "$work/sb_rates")" '$1 == "RESULT" && $2 ~ /^mode=floor_/ {
  split($2, mode, "="); split($4, rate, "=")
  printf "gRPC floor: %s at 64 clients doing nothing = %.2fx sysbench oltp_insert (%.0f/s)\n", substr(mode[2], 7), rate[2] / sb, sb }' "$work/cx.txt"
awk '$1 == "RESULT" && $2 == "import" { split($4, rate, "=")
  printf "import: %d records/s (goal >= 50000: %s)\n", rate[2], rate[2] >= 50000 ? "met" : "not met" }' "$work/cx.txt"
