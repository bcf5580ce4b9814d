#!/usr/bin/env bash
# bench/metrics: load N responses for one tenant over a year straight into the
# store (facts, then rollups by the production rebuild), start cx-metrics on
# it, and measure QueryMetric against the best single SQL aggregate on the
# same MariaDB; then RecordObservations throughput and cx-metrics' memory.
# Called by `./cx bench` with CX_MYSQL_* and CX_JWT_SECRET set for a private
# MariaDB. Usage: run.sh BUILD_DIR [RESPONSES]
set -euo pipefail
build=${1:?BUILD_DIR}
responses=${2:-5000000}
work=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && { kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; }; rm -rf "$work"' EXIT

export CX_MYSQL_DATABASE="cx_metrics_bench_${responses}"
echo "== loading $responses responses (tenant 'bench', $((2025)): one NPS answer each) into $CX_MYSQL_DATABASE"
if [[ $(mariadb --no-defaults --socket="$CX_MYSQL_SOCKET" -u"$CX_MYSQL_USER" -p"$CX_MYSQL_PASSWORD" -N -e \
      "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$CX_MYSQL_DATABASE' AND table_name = 'metric_rollups'") == 1 ]] \
   && [[ $(mariadb --no-defaults --socket="$CX_MYSQL_SOCKET" -u"$CX_MYSQL_USER" -p"$CX_MYSQL_PASSWORD" -N -e \
      "SELECT COUNT(*) FROM $CX_MYSQL_DATABASE.metric_facts WHERE tenant_id = 'bench' AND type_series = 'volume'") == "$responses" ]]; then
  echo "(already loaded by an earlier run; reusing it)"
else
  "$build/bench/metrics_bench" --phase=load --responses="$responses"
fi

"$build/services/metrics/cx-metrics" --listen=127.0.0.1:0 --port_file="$work/port" \
  --rollup_cache_buckets=20000000 2>"$work/metrics.log" &
pid=$!
for _ in $(seq 1 100); do [[ -s "$work/port" ]] && break; sleep 0.1; done
echo "== QueryMetric through gRPC vs SQL on the same MariaDB (client, server and MariaDB share $(nproc) cores)"
stdbuf -oL "$build/bench/metrics_bench" --phase=query --target="127.0.0.1:$(cat "$work/port")"
awk '/VmRSS|VmHWM/ { printf "cx-metrics %s %.0f MiB\n", $1, $2 / 1024 }' "/proc/$pid/status"
