#!/usr/bin/env bash
# Builds a WAGI module (a WASI preview 1 command) from C sources.
#
#   tools/wasm/build-c-wagi.sh <source-dir-or-file.c> <out.wasm>
#
# Compiles every *.c under <source-dir> (or the one file) for wasm32-wasi as a command: the
# node calls `_start` once per request with the request in the environment and the body on
# stdin, and reads CGI headers + body from stdout. No component step.
# Environment overrides: CLANG, WASM_LD.
# Errors (compiler output included) go to stderr with a non-zero exit.
set -euo pipefail

clang="${CLANG:-clang-14}"
wasm_ld="${WASM_LD:-wasm-ld-14}"

die() { echo "build-c-wagi: $*" >&2; exit 1; }

[[ $# -eq 2 ]] || die "usage: build-c-wagi.sh <source-dir-or-file.c> <out.wasm>"
out="$2"
if [[ -d "$1" ]]; then
  src_dir="$(cd "$1" && pwd)"
  mapfile -d '' -t sources < <(find "$src_dir" -name '*.c' -type f -print0 | sort -z) # NUL-separated: names may hold newlines
elif [[ -f "$1" && "$1" == *.c ]]; then
  src_dir="$(cd "$(dirname "$1")" && pwd)"
  sources=("$src_dir/$(basename "$1")")
else
  die "source not found (a directory or a .c file): $1"
fi
[[ ${#sources[@]} -gt 0 ]] || die "no .c files under $src_dir"

command -v "$clang" >/dev/null || die "$clang not found; run tools/wasm/install.sh"
command -v "$wasm_ld" >/dev/null || die "$wasm_ld not found; run tools/wasm/install.sh"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$(dirname "$out")"
if ! "$clang" --target=wasm32-wasi --sysroot=/usr -O2 \
      -std=c11 -Wall -Werror=implicit-function-declaration -Wno-unused-command-line-argument \
      "--ld-path=$(command -v "$wasm_ld")" \
      -I "$src_dir" "${sources[@]}" \
      -Wl,--strip-all \
      -o "$work/module.wasm" 2>"$work/cc.log"; then
  cat "$work/cc.log" >&2
  die "compilation failed for $1"
fi
[[ -s "$work/cc.log" ]] && cat "$work/cc.log" >&2
mv "$work/module.wasm" "$out"
