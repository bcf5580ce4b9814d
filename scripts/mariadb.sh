#!/usr/bin/env bash
# A private MariaDB instance in a directory of its own: its own data dir, unix
# socket and loopback port. Never touches a system MariaDB.
#
#   scripts/mariadb.sh start DIR PORT   initialise (first time) and start; waits until ready
#   scripts/mariadb.sh stop DIR         clean shutdown; waits until gone
#   scripts/mariadb.sh status DIR       exit 0 when running
#
# DIR/env is written for clients: CX_MYSQL_SOCKET, CX_MYSQL_PORT, CX_MYSQL_USER,
# CX_MYSQL_PASSWORD (a random password made on first start).
set -euo pipefail

cmd=${1:?usage: mariadb.sh start|stop|status DIR [PORT]}
dir=$(mkdir -p "${2:?DIR}" && cd "$2" && pwd)
sock="$dir/mysqld.sock"
pidfile="$dir/mysqld.pid"

running() { [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

as_root=()
[[ $(id -u) -eq 0 ]] && as_root=(--user=root)

case "$cmd" in
  start)
    port=${3:?PORT}
    if running; then exit 0; fi
    if [[ ! -d "$dir/data/mysql" ]]; then
      mkdir -p "$dir/data"
      mariadb-install-db --no-defaults "${as_root[@]}" --datadir="$dir/data" \
        --auth-root-authentication-method=normal --skip-test-db \
        >"$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; exit 1; }
      fresh=1
    fi
    # --no-defaults: ignore /etc/mysql so a system configuration can't leak in.
    mariadbd --no-defaults "${as_root[@]}" --datadir="$dir/data" \
      --socket="$sock" --pid-file="$pidfile" --port="$port" \
      --bind-address=127.0.0.1 --skip-name-resolve \
      --log-error="$dir/mariadb.err" \
      --innodb-buffer-pool-size=512M --innodb-log-file-size=256M \
      --innodb-flush-log-at-trx-commit=1 --sync-binlog=0 \
      --max-connections=500 --max-prepared-stmt-count=100000 \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      >/dev/null 2>&1 &
    for _ in $(seq 1 300); do
      if mariadb-admin --no-defaults --socket="$sock" -uroot ping >/dev/null 2>&1; then
        break
      fi
      sleep 0.1
    done
    mariadb-admin --no-defaults --socket="$sock" -uroot ping >/dev/null 2>&1 \
      || { echo "mariadb did not start; see $dir/mariadb.err" >&2; tail -20 "$dir/mariadb.err" >&2; exit 1; }
    if [[ ${fresh:-0} -eq 1 || ! -f "$dir/env" ]]; then
      password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
      mariadb --no-defaults --socket="$sock" -uroot <<SQL
CREATE USER IF NOT EXISTS 'cx'@'localhost' IDENTIFIED BY '$password';
CREATE USER IF NOT EXISTS 'cx'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER 'cx'@'localhost' IDENTIFIED BY '$password';
ALTER USER 'cx'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO 'cx'@'localhost';
GRANT ALL PRIVILEGES ON *.* TO 'cx'@'127.0.0.1';
SQL
      cat >"$dir/env" <<ENV
export CX_MYSQL_SOCKET='$sock'
export CX_MYSQL_HOST='127.0.0.1'
export CX_MYSQL_PORT='$port'
export CX_MYSQL_USER='cx'
export CX_MYSQL_PASSWORD='$password'
ENV
    fi
    ;;
  stop)
    if running; then
      pid=$(cat "$pidfile")
      mariadb-admin --no-defaults --socket="$sock" -uroot shutdown >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    ;;
  status)
    running
    ;;
  *)
    echo "usage: mariadb.sh start|stop|status DIR [PORT]" >&2; exit 2 ;;
esac
