#!/usr/bin/env bash
# Installs what tools/wasm needs, idempotently: the Debian C→wasm32-wasi toolchain (only the
# packages that are missing) and the pinned jco and componentize-qjs (the QuickJS engine for
# JavaScript services) from package-lock.json (npm ci).
#
#   tools/wasm/install.sh
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packages=(clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -gt 0 ]]; then
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  echo "install.sh: installing ${missing[*]}" >&2
  "${sudo_cmd[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

command -v node >/dev/null || { echo "install.sh: node (>= 20) is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "install.sh: npm is required" >&2; exit 1; }

lock="$script_dir/package-lock.json"
stamp="$script_dir/node_modules/.package-lock.json"
if [[ ! -f "$stamp" || "$lock" -nt "$stamp" ]]; then
  (cd "$script_dir" && npm ci --no-audit --no-fund)
fi
echo "install.sh: wasm toolchain ready" >&2
