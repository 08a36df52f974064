# Shared settings for the project's scripts. Source it; do not run it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
PG_PORT="${PLATFORM_PG_PORT:-55432}"
PG_BIN="${PLATFORM_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
# The cluster lives in .local/pg unless the postgres user cannot reach the checkout (PostgreSQL refuses to
# run as root, so its files must be reachable by the postgres user); then it goes to /var/tmp.
PG_HOME="$LOCAL/pg"
if [[ $(id -u) -eq 0 ]] && id postgres >/dev/null 2>&1 && ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
  PG_HOME="/var/tmp/platform-pg-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)"
fi
PG_DATA="$PG_HOME/data"
PG_RUN="$PG_HOME/run"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# Installs Debian packages that are missing (apt-get update once, only when needed).
ensure_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$package")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

connection_string() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=${1:-platform};Include Error Detail=true"; }
NATS_PORT="${PLATFORM_NATS_PORT:-4222}"
NATS_HOME="$LOCAL/nats"
