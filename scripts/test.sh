#!/usr/bin/env bash
# Runs every test of the platform on this machine: installs what the tests need (PostgreSQL, the
# C→Wasm toolchain, Chromium), starts the project's PostgreSQL cluster, builds, checks that the EF model
# has no pending changes, then runs each test project in turn and prints one summary line.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

bash scripts/setup.sh --browser
bash scripts/pg.sh start

log "checking that the EF Core model matches the migrations"
ConnectionStrings__Platform="$(connection_string platform_design)" \
  dotnet ef migrations has-pending-model-changes --project migrations --no-build >/dev/null \
  || { echo "The model has changes without a migration: dotnet ef migrations add <Name> --project migrations" >&2; exit 1; }

results="$ROOT/artifacts/test-results"
rm -rf "$results" "$ROOT/artifacts/e2e"
mkdir -p "$results"
projects=(
  tests/Platform.Domain.Tests
  tests/Platform.EdgeRuntime.Tests
  tests/Platform.Api.Tests
  tests/Platform.Deployer.Tests
  tests/Platform.Portal.Tests
  tests/Platform.EndToEnd.Tests
)
passed=0 failed=0 skipped=0 broken=()
for project in "${projects[@]}"; do
  [[ -d "$project" ]] || continue
  name="$(basename "$project")"
  log "testing $name"
  set +e
  dotnet test "$project" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" 2>&1 | tee "$results/$name.log"
  status=${PIPESTATUS[0]}
  set -e
  summary="$(grep -E '(Passed|Failed)!  - Failed: ' "$results/$name.log" | tail -1 || true)"
  if [[ -z "$summary" ]]; then
    broken+=("$name (no test summary, exit $status)")
    continue
  fi
  f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
  p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
  s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  [[ $status -eq 0 ]] || broken+=("$name")
done

echo
[[ ${#broken[@]} -eq 0 ]] || echo "Failing test projects: ${broken[*]}"
echo "Screenshots and logs of the end-to-end runs: artifacts/e2e/"
echo "tests: $passed passed, $failed failed, $skipped skipped"
[[ ${#broken[@]} -eq 0 && $failed -eq 0 ]]
