#!/usr/bin/env bash
# bench/topics: GetTopicSummary over a day of N imported responses with
# comments (text analysed on import, as in production), against reading the
# same rows' bodies with one SELECT on the same MariaDB.
# Called by `./cx bench` with CX_MYSQL_* and CX_JWT_SECRET set for a private
# MariaDB. Usage: run.sh BUILD_DIR [RESPONSES] (200000 by default)
set -euo pipefail
build=${1:?BUILD_DIR}
responses=${2:-200000}
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && { kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; }; rm -rf "$work"' EXIT

export CX_MYSQL_DATABASE="cx_topics_bench_$$"
# shellcheck source=../common/mariadb.sh
source "$(dirname "$0")/../common/mariadb.sh"
"$build/services/feedback/cx-feedback" --listen=127.0.0.1:0 --port_file="$work/port" \
  2>"$work/feedback.log" &
pid=$!
for _ in $(seq 1 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
target="127.0.0.1:$(cat "$work/port")"
echo "== importing $responses responses with comments (tenant 'bench') into $CX_MYSQL_DATABASE"
"$build/bench/ingest_bench" --target="$target" --modes=none --import_records="$responses" |
  grep -v '^RESULT'
quiesce  # the import's pages written back, as a report would find them later
echo "== GetTopicSummary over them vs SELECT body on the same MariaDB (client, server and MariaDB share $(nproc) cores)"
"$build/bench/topics_bench" --target="$target"
kill -TERM $pid; wait $pid 2>/dev/null || true; pid=
sql "DROP DATABASE $CX_MYSQL_DATABASE"
