#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: initdb + pg_ctl in a temporary directory, listening on 127.0.0.1
# only (no Unix socket, no system service), on a free port, with a random password (scram-sha-256).
#
#   eval "$(bash scripts/postgres-test-server.sh start)"   # exports TEST_DATABASE_URL and POSTGRES_TEST_DIR
#   bash scripts/postgres-test-server.sh stop "$POSTGRES_TEST_DIR"
#   bash scripts/postgres-test-server.sh run CMD...        # CMD with TEST_DATABASE_URL set (a server of its own
#                                                          # when it is not set already), stopped after
#   bash scripts/postgres-test-server.sh pause DIR         # stops the server, keeping its data and port (the
#   bash scripts/postgres-test-server.sh resume DIR        # database going away mid-run), and starts it again
#   bash scripts/postgres-test-server.sh bindir            # where the PostgreSQL binaries are (exit 1: none)
#   bash scripts/postgres-test-server.sh install           # Debian's `postgresql` package when no binaries are
#                                                          # found (as root, with apt-get); `run` does it too, so
#                                                          # `npm test` on a fresh Debian machine needs nothing else
#
# The binaries: $PG_BIN, else the newest /usr/lib/postgresql/*/bin (Debian's `postgresql` package), else
# `pg_config --bindir`, else initdb on PATH. initdb refuses to run as root, so as root the server runs as `nobody`
# (the temporary directory is its own). `start` prints only the export lines on stdout; progress goes to stderr.
set -euo pipefail

bindir() {
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then
    echo "$PG_BIN"
    return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"
    return
  fi
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return
  fi
  if command -v initdb >/dev/null; then
    dirname "$(command -v initdb)"
    return
  fi
  echo "no PostgreSQL server binaries found (initdb): install them (Debian: apt-get install postgresql)" \
    "or set PG_BIN to their directory, or set TEST_DATABASE_URL to a server of your own" >&2
  return 1
}

# the binaries, installed from Debian's packages when missing and this is root on a machine with apt-get (a fresh
# CI machine); otherwise say how, and fail
install() {
  if bindir >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "no PostgreSQL server binaries: install Debian's postgresql package (apt-get install postgresql) or set" \
      "PG_BIN or TEST_DATABASE_URL" >&2
    return 1
  fi
  echo "postgres test server: installing Debian's postgresql package" >&2
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2
  bindir >/dev/null
}

# as root, run the server's commands as nobody (initdb and postgres refuse root)
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  local bin dir password port attempt
  bin=$(bindir)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/engagement-bot-pg.XXXXXX")
  chmod 755 "$dir"
  password=$(node -e 'console.log(require("node:crypto").randomBytes(18).toString("hex"))')
  printf '%s\n' "$password" >"$dir/pwfile"
  mkdir "$dir/data"
  if [ "$(id -u)" -eq 0 ]; then chown -R nobody "$dir"; fi
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    return 1
  }
  rm -f "$dir/pwfile"
  # a free port, retried if another process takes it between the check and the listen
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >&2; then
      echo "$port" >"$dir/port"
      printf 'export TEST_DATABASE_URL=%q\n' "postgres://postgres:$password@127.0.0.1:$port/postgres"
      printf 'export POSTGRES_TEST_DIR=%q\n' "$dir"
      echo "postgres test server on 127.0.0.1:$port (data in $dir)" >&2
      return 0
    fi
    echo "postgres test server: start on port $port failed (attempt $attempt):" >&2
    tail -5 "$dir/server.log" >&2 || true
  done
  rm -rf "$dir"
  return 1
}

stop() {
  local dir=${1:-${POSTGRES_TEST_DIR:-}}
  if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
    echo "postgres test server: no directory to stop (give the POSTGRES_TEST_DIR that start printed)" >&2
    return 1
  fi
  as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

# the server stopped (fast: sessions are ended, as in a restart) and started again on its port, data kept
pause() {
  as_owner "$(bindir)/pg_ctl" -D "$1/data" -m fast -w stop >&2
}

resume() {
  local port
  port=$(cat "$1/port")
  as_owner "$(bindir)/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >&2
}

run() {
  if [ -z "${TEST_DATABASE_URL:-}" ]; then install || true; fi
  if [ -n "${TEST_DATABASE_URL:-}" ] || ! bindir >/dev/null 2>&1; then
    # a server given, or none to start: the PostgreSQL tests say what is missing
    exec "$@"
  fi
  eval "$(start)"
  trap 'stop "$POSTGRES_TEST_DIR"' EXIT
  "$@"
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
run)
  shift
  run "$@"
  ;;
pause) pause "${2:?pause DIR}" ;;
resume) resume "${2:?resume DIR}" ;;
bindir) bindir ;;
install) install ;;
*)
  echo "usage: $0 start | stop DIR | pause DIR | resume DIR | run CMD... | bindir | install" >&2
  exit 2
  ;;
esac
