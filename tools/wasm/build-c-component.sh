#!/usr/bin/env bash
# Builds a platform:edge component from a folder of C sources.
#
#   tools/wasm/build-c-component.sh <source-dir> <out.wasm>
#
# Compiles every *.c under <source-dir> (plus the C SDK in sdk/c unless the folder vendors
# platform_edge.c itself) for wasm32-wasi as a reactor, links with wasm-ld (dropping unused
# imports), then componentizes against the platform WIT world `service` (or `event-service`, below).
# The shadow stack is 32 KiB and placed first in linear memory (an overflow traps instead of
# overwriting data), so a small service fits in one 64 KiB page: every request gets a fresh
# instance, and the pooling allocator resets the whole accessible memory after each one.
# A service that defines platform_handle_event() is an event consumer: the SDK's events/ export is added
# and the component targets the `event-service` world instead of `service`.
# Environment overrides: PLATFORM_WIT_VERSION, PLATFORM_WIT_DIR (WIT dir or file), PLATFORM_C_SDK_DIR, CLANG, WASM_LD,
# PLATFORM_C_LDFLAGS (extra linker flags, appended; e.g. "-Wl,-z,stack-size=131072" for a bigger stack).
# Errors (compiler output included) go to stderr with a non-zero exit.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
# PLATFORM_WIT_VERSION=0.1.0 builds for an older version of the world (wit/<version>/), as components of that time were.
wit_version="${PLATFORM_WIT_VERSION:-}"
version_flags=()
if [[ -n "$wit_version" ]]; then
  [[ "$wit_version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "build-c-component: PLATFORM_WIT_VERSION must be like 0.1.0" >&2; exit 1; }
  [[ -d "$repo_root/wit/$wit_version" ]] && default_wit="$repo_root/wit/$wit_version"
  minor="${wit_version#*.}"
  version_flags=("-DPE_WIT_VERSION=\"$wit_version\"" "-DPE_WIT_MINOR=${minor%%.*}")
fi
wit_dir="${PLATFORM_WIT_DIR:-${default_wit:-$repo_root/wit}}"
sdk_dir="${PLATFORM_C_SDK_DIR:-$repo_root/sdk/c}"
clang="${CLANG:-clang-14}"
wasm_ld="${WASM_LD:-wasm-ld-14}"

die() { echo "build-c-component: $*" >&2; exit 1; }

[[ $# -eq 2 ]] || die "usage: build-c-component.sh <source-dir> <out.wasm>"
src_dir="$(cd "$1" 2>/dev/null && pwd)" || die "source directory not found: $1"
out="$2"

command -v "$clang" >/dev/null || die "$clang not found; run tools/wasm/install.sh"
command -v "$wasm_ld" >/dev/null || die "$wasm_ld not found; run tools/wasm/install.sh"
command -v node >/dev/null || die "node not found"
[[ -d "$script_dir/node_modules/@bytecodealliance/jco" ]] || die "jco missing; run tools/wasm/install.sh"
[[ -e "$wit_dir" ]] || die "WIT not found at $wit_dir (set PLATFORM_WIT_DIR)"

# NUL-separated throughout: a file name may hold any byte but NUL and '/', newlines included.
# The SDK's event export (events/platform_edge_events.c, also in a service's vendored copy) is added below only for event consumers.
mapfile -d '' -t sources < <(find "$src_dir" -name '*.c' -type f ! -name platform_edge_events.c -print0 | sort -z)
vendored_events="$(find "$src_dir" -name platform_edge_events.c -type f -print -quit)"
[[ ${#sources[@]} -gt 0 ]] || die "no .c files under $src_dir"

include_flags=(-I "$src_dir")
while IFS= read -r -d '' dir; do include_flags+=(-I "$dir"); done < <(find "$src_dir" -name '*.h' -printf '%h\0' | sort -zu)
if [[ -z "$(find "$src_dir" -name platform_edge.c -printf x -quit)" ]]; then
  [[ -f "$sdk_dir/platform_edge.h" ]] || die "C SDK not found at $sdk_dir (set PLATFORM_C_SDK_DIR)"
  sources+=("$sdk_dir"/*.c)
  include_flags+=(-I "$sdk_dir")
fi

# A service vendors the SDK of the version it was generated with (platform/): it builds for that version of the world.
# The SDK of 0.1.0 spelled its export names out; later ones default PE_WIT_VERSION in platform_edge.h.
if [[ -z "$wit_version" && -z "${PLATFORM_WIT_DIR:-}" ]]; then
  vendored_version=""
  if grep -qsF 'platform:edge/handler@0.1.0#handle' "${sources[@]}"; then
    vendored_version=0.1.0
  elif vendored_header="$(find "$src_dir" -name platform_edge.h -type f -print -quit)" && [[ -n "$vendored_header" ]]; then
    vendored_version="$(sed -n 's/^#define PE_WIT_VERSION "\([0-9][0-9.]*\)"$/\1/p' "$vendored_header" | head -n 1)"
  fi
  # The current version has no folder of its own (wit/platform-edge.wit); an older one does.
  if [[ -n "$vendored_version" && -d "$repo_root/wit/$vendored_version" ]]; then
    wit_dir="$repo_root/wit/$vendored_version"
  fi
fi

world=service
if grep -qsE '(^|[^A-Za-z0-9_])platform_handle_event[[:space:]]*\(' "${sources[@]}"; then
  # The service's sources define the event handler: build it as an event consumer.
  world=event-service
  if [[ -n "$vendored_events" ]]; then
    sources+=("$vendored_events")
  else
    [[ -f "$sdk_dir/events/platform_edge_events.c" ]] || die "the C SDK at $sdk_dir has no events/platform_edge_events.c"
    sources+=("$sdk_dir/events/platform_edge_events.c")
    include_flags+=(-I "$sdk_dir")
  fi
fi

read -ra extra_ldflags <<<"${PLATFORM_C_LDFLAGS:-}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

core="$work/core.wasm"
# --gc-sections (wasm-ld's default, spelled out) plus --strip-all keep only what is referenced, so a capability that is never called is never imported.
if ! "$clang" --target=wasm32-wasi --sysroot=/usr -O2 -mexec-model=reactor \
      -std=c11 -Wall -Werror=implicit-function-declaration -Wno-unused-command-line-argument \
      "--ld-path=$(command -v "$wasm_ld")" \
      "${version_flags[@]}" "${include_flags[@]}" "${sources[@]}" \
      -Wl,--gc-sections -Wl,--strip-all -Wl,-z,stack-size=32768 -Wl,--stack-first "${extra_ldflags[@]}" \
      -o "$core" 2>"$work/cc.log"; then
  cat "$work/cc.log" >&2
  die "compilation failed for $src_dir"
fi
[[ -s "$work/cc.log" ]] && cat "$work/cc.log" >&2

mkdir -p "$(dirname "$out")"
node "$script_dir/componentize.mjs" "$core" "$wit_dir" "$world" "$out" || die "componentize failed for $src_dir"
