#!/usr/bin/env bash
# Installs everything the platform needs on a fresh machine (idempotent) and builds the solution.
#   scripts/setup.sh            runtime needs: PostgreSQL, nats-server (JetStream: topics), git (service repositories), the C→Wasm toolchain, jco,
#                               bubblewrap (the build sandbox)
#   scripts/setup.sh --browser  also Chromium for the portal journeys
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

packages=(postgresql nats-server git clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 bubblewrap)
[[ "${1:-}" == "--browser" ]] && packages+=(chromium fonts-liberation)
ensure_packages "${packages[@]}"
bash "$ROOT/tools/wasm/install.sh" 2>/dev/null

log "restoring tools and building Platform.sln"
cd "$ROOT"
dotnet tool restore >/dev/null
dotnet build Platform.sln -c "${CONFIGURATION:-Debug}" -nologo -clp:ErrorsOnly -v:q
