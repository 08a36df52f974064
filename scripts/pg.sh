#!/usr/bin/env bash
# The project's own PostgreSQL cluster, made from the machine's PostgreSQL binaries:
#   scripts/pg.sh start   initialise (first time) and start on 127.0.0.1:$PLATFORM_PG_PORT (default 55432)
#                         durable (fsync, full page writes, synchronous commit) when PLATFORM_PG_DURABLE=1, as
#                         scripts/up.sh runs it; otherwise with the fast settings the tests use (a crash may
#                         lose the last commits). A running cluster in the other mode is restarted in this one.
#   scripts/pg.sh stop
#   scripts/pg.sh status
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

close_inherited_files() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    [[ $fd -gt 2 ]] && eval "exec $fd>&-" 2>/dev/null || true
  done
}
run_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start() {
  ensure_packages postgresql
  PG_BIN="${PLATFORM_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}"
  mkdir -p "$PG_RUN" "$(dirname "$PG_DATA")"
  if [[ $(id -u) -eq 0 ]]; then chown -R postgres:postgres "$PG_HOME"; fi
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "initialising PostgreSQL cluster in $PG_HOME"
    run_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  local durable="${PLATFORM_PG_DURABLE:-0}" wanted=off
  [[ "$durable" == 1 ]] && wanted=on
  if run_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    local running
    running=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SHOW fsync" 2>/dev/null || echo "$wanted")
    [[ "$running" == "$wanted" ]] && return 0
    log "restarting PostgreSQL with fsync=$wanted"
    run_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  fi
  rm -f "$PG_DATA/postmaster.pid"
  local options="-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_RUN -c max_connections=300"
  if [[ "$durable" != 1 ]]; then
    options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  for attempt in 1 2 3; do
    # The server must not inherit the caller's open files (a lock file held around a build would stay
    # held by the postmaster for as long as it runs): only stdin, stdout and stderr go with it.
    if (close_inherited_files; run_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_HOME/server.log" -o "$options" -w -t 30 start >/dev/null); then
      log "PostgreSQL listening on 127.0.0.1:$PG_PORT ($([[ "$durable" == 1 ]] && echo durable || echo "fast, not crash-safe"))"
      return 0
    fi
    sleep 1
  done
  tail -20 "$PG_HOME/server.log" >&2
  return 1
}

case "${1:-start}" in
  start) start ;;
  stop) run_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast stop ;;
  status) run_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status ;;
  *) echo "usage: scripts/pg.sh start|stop|status" >&2; exit 2 ;;
esac
