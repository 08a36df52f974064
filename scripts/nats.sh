#!/usr/bin/env bash
# The project's own NATS server with JetStream, made from the machine's nats-server (Debian package):
#   scripts/nats.sh start   start on 127.0.0.1:$PLATFORM_NATS_PORT (default 4222), JetStream store in .local/nats
#   scripts/nats.sh stop
#   scripts/nats.sh status
#   scripts/nats.sh url     print the URL clients use
# The tests start servers of their own (tests/Platform.Testing/NatsServer.cs); production points Nats:Url at the
# organisation's cluster.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PID_FILE="$NATS_HOME/nats.pid"
url() { echo "nats://127.0.0.1:$NATS_PORT"; }
running() { [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

start() {
  ensure_packages nats-server
  mkdir -p "$NATS_HOME/store"
  if running; then log "NATS already running ($(url))"; return 0; fi
  # Like PostgreSQL (scripts/pg.sh), the server keeps only stdin, stdout and stderr of the caller's files.
  (for fd in /proc/$BASHPID/fd/*; do fd=${fd##*/}; [[ $fd -gt 2 ]] && eval "exec $fd>&-" 2>/dev/null; done
   exec nats-server -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$NATS_HOME/store" -n "platform-local" \
     -P "$PID_FILE" -l "$NATS_HOME/server.log") </dev/null >/dev/null 2>&1 &
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$NATS_PORT") 2>/dev/null; then log "NATS JetStream listening on $(url)"; return 0; fi
    sleep 0.1
  done
  tail -20 "$NATS_HOME/server.log" >&2
  return 1
}

stop() {
  running || return 0
  local pid; pid="$(cat "$PID_FILE")"
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  echo "nats-server ($pid) did not stop" >&2; return 1
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running on $(url)"; else echo "not running"; exit 3; fi ;;
  url) url ;;
  *) echo "usage: scripts/nats.sh start|stop|status|url" >&2; exit 2 ;;
esac
