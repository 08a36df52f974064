#!/usr/bin/env bash
# Builds a platform:edge component from a JavaScript service folder.
#
#   tools/wasm/build-js-component.sh <source-dir> <out.wasm>
#
# The entry module is <source-dir>/src/handler.js; it exports `handler` with a `handle(request)`
# function (the JS SDK in platform/ does that for you). Relative imports inside the folder and
# the platform:edge interfaces are allowed; npm packages are not bundled. The engine is QuickJS
# (componentize-qjs, pinned in package.json), synchronous, with WASI stubbed out: the component
# imports only platform:edge interfaces, exactly the ones the module graph uses.
# Environment overrides: PLATFORM_WIT_DIR (WIT dir or file).
# Errors go to stderr with a non-zero exit.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
wit_path="${PLATFORM_WIT_DIR:-$repo_root/wit}"

die() { echo "build-js-component: $*" >&2; exit 1; }

[[ $# -eq 2 ]] || die "usage: build-js-component.sh <source-dir> <out.wasm>"
src_dir="$(cd "$1" 2>/dev/null && pwd)" || die "source directory not found: $1"
out="$2"

command -v node >/dev/null || die "node not found"
[[ -d "$script_dir/node_modules/componentize-qjs" ]] || die "componentize-qjs missing; run tools/wasm/install.sh"
if [[ -d "$wit_path" ]]; then
  mapfile -d '' -t wit_files < <(find "$wit_path" -maxdepth 1 -name '*.wit' -type f -print0) # NUL-separated: names may hold newlines
  [[ ${#wit_files[@]} -eq 1 ]] || die "expected exactly one .wit file in $wit_path (set PLATFORM_WIT_DIR to the file)"
  wit_path="${wit_files[0]}"
fi
[[ -f "$wit_path" ]] || die "WIT not found at $wit_path (set PLATFORM_WIT_DIR)"

mkdir -p "$(dirname "$out")"
node "$script_dir/componentize-js.mjs" "$src_dir" "$wit_path" "$out" || die "componentize failed for $src_dir"
