#!/usr/bin/env bash
# Benchmarks, one command: bash scripts/bench.sh
#  (a) BenchmarkDotNet: instantiate + call per request, component and wagi executors (ratios in the table)
#  (b) wrk: HTTP throughput and latency of the http-json-c template service (what users run) and of the bare
#      hello component through a real edge node, each against plain Kestrel answering the same body, measured here
#      in the same run, reported as ratios.
#  (c) rollouts on three edge nodes: a three-step canary with zero pauses from start to 100%, against an
#      emergency rollout (no canary) in the same run, and the time from abort to every node serving stable.
#  (d) neighbours: a healthy WAGI service alone, then beside a WAGI service that loops until its 200 ms
#      deadline driven by 8 clients, on one edge node: the healthy service's throughput ratio, and the
#      looping service's latency (p99) against its deadline plus one epoch tick.
#  (e) judge: the http-json-c template service rolled out 20 times under live load (wrk on two nodes), versions
#      differing only in a string, plus +1 ms and 5%-error versions: false rollbacks and time to catch the broken ones.
#      BENCH_JUDGE_ROLLOUTS (20), BENCH_JUDGE_WINDOW (analysis seconds, 15), BENCH_JUDGE_SLOW_SPINS (+1 ms here).
#  (f) scale: the services list's first page (what the portal asks for) with 100 services, then with
#      BENCH_SCALE_SERVICES (10,000) created through the API, plain and filtered: p50/p99 and their ratio; and rollouts of a
#      new service (part c's timings, BENCH_SCALE_ROLLOUTS iterations, default 5) with 100 and then 10,000 services running on the nodes.
#  (g) events: order events through one edge node's consumer (bench/components/order-projection: parses the JSON order,
#      writes a key-value entry) triggered by a topic made through the API, against a raw JetStream pull consumer of the
#      same events that only acknowledges (bench/Platform.Benchmarks.Events), alternating in the same run on a nats-server of
#      the benchmark's own: events/s of a burst (BENCH_EVENTS, 20,000) and end-to-end latency p50/p99 one event at a time
#      (BENCH_EVENTS_SINGLE, 1,000), each side's median over BENCH_ROUNDS, reported as ratios edge / raw.
#  (h) density: a Release edge node of its own with 100, then BENCH_DENSITY_SERVICES (10,000) services placed on it, each
#      with a component of its own (the http-json-c template service, made distinct by a custom section), from a control
#      plane stub (bench/Platform.Benchmarks.Density): resident memory serving them (ratio to 100), then BENCH_DENSITY_COLD
#      (1,000) requests to parked versions (cold loads from the disk cache) against a warm version: p50/p99 and their ratio.
# Results: artifacts/bench/. Set BENCH_SECONDS (default 15), BENCH_CONNECTIONS (default 32),
# BENCH_ROLLOUTS (iterations, default 5) and BENCH_ONLY=http|rollout|neighbours|judge|scale|events|density|executors to run one part
# (BENCH_NEIGHBOUR_SECONDS, default 10, for part d). BENCH_EDGE_DLL runs another build of the edge node
# (e.g. an older commit's) against the same API; BENCH_BASELINE_EDGE_DLL runs one beside this build's,
# as a fourth node that parts (b) and (c) measure in the same rounds (reported as "baseline edge").
# BENCH_ROUNDS (default 3) rounds of wrk alternate the sides; the report takes each side's median. BENCH_HTTP_MODES
# ("load single") picks part (b)'s modes.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
SECONDS_PER_RUN="${BENCH_SECONDS:-15}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
OUT="$ROOT/artifacts/bench"
mkdir -p "$OUT"
ensure_packages wrk
CONFIGURATION=Release bash scripts/setup.sh
bash scripts/pg.sh start

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
API_PORT=$(free_port) EDGE_PORT=$(free_port) EDGE2_PORT=$(free_port) EDGE3_PORT=$(free_port) KESTREL_PORT=$(free_port) DEPLOYER_PORT=$(free_port)
DB=platform_bench
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export ConnectionStrings__Platform="$(connection_string $DB)" Edge__EnrolmentToken=bench-token
bin() { echo "$ROOT/$1/bin/Release/net10.0/$2.dll"; }
dotnet "$(bin migrations Platform.Migrations)" --demo true --templates templates --sdk sdk >/dev/null

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
# Part (g) needs NATS JetStream: a server of the benchmark's own with an empty store, which the API and the nodes use.
NATS_PID=""
if [[ -z "${BENCH_ONLY:-}" || "${BENCH_ONLY:-}" == "events" ]]; then
  ensure_packages nats-server
  BENCH_NATS_PORT=$(free_port)
  rm -rf "$LOCAL/bench-nats"; mkdir -p "$LOCAL/bench-nats"
  nats-server -a 127.0.0.1 -p "$BENCH_NATS_PORT" -js -sd "$LOCAL/bench-nats" -n platform-bench >"$OUT/nats.log" 2>&1 </dev/null & pids+=($!)
  NATS_PID=$!
  export Nats__Url="nats://127.0.0.1:$BENCH_NATS_PORT"
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$BENCH_NATS_PORT") 2>/dev/null && break; sleep 0.1; done
fi
dotnet "$(bin src/Platform.Api Platform.Api)" --urls "http://127.0.0.1:$API_PORT" --Logging:LogLevel:Default=Warning >"$OUT/api.log" 2>&1 & pids+=($!)
dotnet "$(bin src/Deployer Platform.Deployer)" --urls "http://127.0.0.1:$DEPLOYER_PORT" --Logging:LogLevel:Default=Warning >"$OUT/deployer.log" 2>&1 & pids+=($!)
start_edge() { # name port
  dotnet "${BENCH_EDGE_DLL:-$(bin src/EdgeNode Platform.EdgeNode)}" --urls "http://127.0.0.1:$2" --Logging:LogLevel:Default=Warning \
    --Node:Name "$1" --Node:Region local --Node:PublicUrl "http://127.0.0.1:$2" --Node:DataDir "$LOCAL/$1" \
    --ControlPlane:Url "http://127.0.0.1:$API_PORT" --ControlPlane:EnrolmentToken bench-token >"$OUT/$1.log" 2>&1 & pids+=($!)
}
start_edge bench-edge "$EDGE_PORT"; EDGE_PID=$!; start_edge bench-edge-2 "$EDGE2_PORT"; start_edge bench-edge-3 "$EDGE3_PORT"
BASE_PORT=""
if [[ -n "${BENCH_BASELINE_EDGE_DLL:-}" ]]; then
  BASE_PORT=$(free_port)
  BENCH_EDGE_DLL="$BENCH_BASELINE_EDGE_DLL" start_edge bench-edge-base "$BASE_PORT"
fi
dotnet "$(bin bench/Platform.Benchmarks.PlainKestrel Platform.Benchmarks.PlainKestrel)" --urls "http://127.0.0.1:$KESTREL_PORT" >"$OUT/kestrel.log" 2>&1 & pids+=($!)

wait_for() { for _ in $(seq 1 120); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "not answering: $1" >&2; exit 1; }
wait_for "http://127.0.0.1:$API_PORT/healthz"; wait_for "http://127.0.0.1:$KESTREL_PORT/x"
for port in "$EDGE_PORT" "$EDGE2_PORT" "$EDGE3_PORT" $BASE_PORT; do wait_for "http://127.0.0.1:$port/healthz"; done
bash tools/wasm/build-c-component.sh tests/components/hello "$OUT/hello.wasm"

# The http-json-c template service as the golden path generates it (the Liquid placeholders of its source filled in),
# built from source: what users run. render_template <service> <greeting> <dir> <out.wasm> [sed script changing it]
render_template() {
  rm -rf "$3"; mkdir -p "$3/src" "$3/platform"
  cp -r sdk/c/. "$3/platform/"
  sed -e "s/{{ service_name }}/$1/g" -e 's/{{ team }}/payments/g' -e "s#{{ route }}#/$1#g" \
    -e "s/{{ greeting }}/$2/g" -e 's/{{ log_level }}/info/g' templates/http-json-c/files/src/main.c >"$3/src/main.c"
  [[ -z "${5:-}" ]] || sed -i "$5" "$3/src/main.c"
  if grep -q "{{" "$3/src/main.c" || ! grep -q "$2" "$3/src/main.c"; then echo "rendering $3 failed" >&2; exit 1; fi
  bash tools/wasm/build-c-component.sh "$3" "$4"
}

if [[ -z "${BENCH_ONLY:-}" || "${BENCH_ONLY:-}" == "rollout" ]]; then
  log "rollouts: three-step canary and abort on three edge nodes"
  dotnet "$(bin bench/Platform.Benchmarks.Rollout Platform.Benchmarks.Rollout)" timings "http://127.0.0.1:$API_PORT" "$OUT/hello.wasm" \
    "http://127.0.0.1:$EDGE_PORT" "http://127.0.0.1:$EDGE2_PORT" "http://127.0.0.1:$EDGE3_PORT" --iterations "${BENCH_ROLLOUTS:-5}" \
    | tee "$OUT/rollout-summary.txt"
fi

if [[ -z "${BENCH_ONLY:-}" || "${BENCH_ONLY:-}" == "judge" ]]; then
  log "canary judge: the http-json-c service rolled out again and again under live load"
  JUDGE="$OUT/judge"
  rm -rf "$JUDGE"; mkdir -p "$JUDGE"
  # The template service, then changed as a developer would: another greeting, +1 ms of work per request (spins
  # calibrated on this kind of machine), or 500 on the path with 5% of the traffic.
  render_judge() { # variant greeting
    local extra=""
    case "$1" in
      slow) extra="s|^  pe_string path = pe_request_path(req);|  for (volatile unsigned long spin = 0; spin < ${BENCH_JUDGE_SLOW_SPINS:-1300000}UL; spin++) {}\\n&|" ;;
      errors) extra='s|json(resp, 404, |json(resp, 500, |' ;;
    esac
    render_template bench-judge "$2" "$JUDGE/src-$1" "$JUDGE/$1.wasm" "$extra"
  }
  render_judge healthy-a "Hello from the edge"
  render_judge healthy-b "Hello again from the edge"
  render_judge slow "Hello from the edge"
  render_judge errors "Hello from the edge"
  grep -q "spin <" "$JUDGE/src-slow/src/main.c" && grep -q "json(resp, 500" "$JUDGE/src-errors/src/main.c" \
    || { echo "the broken variants were not rendered" >&2; exit 1; }
  dotnet "$(bin bench/Platform.Benchmarks.Rollout Platform.Benchmarks.Rollout)" judge "http://127.0.0.1:$API_PORT" "$JUDGE" "$ROOT/bench/judge.lua" \
    "http://127.0.0.1:$EDGE_PORT" "http://127.0.0.1:$EDGE2_PORT" "http://127.0.0.1:$EDGE3_PORT" \
    --rollouts "${BENCH_JUDGE_ROLLOUTS:-20}" --window "${BENCH_JUDGE_WINDOW:-15}" --loaded 2 | tee "$OUT/judge-summary.txt"
fi

if [[ -z "${BENCH_ONLY:-}" || "${BENCH_ONLY:-}" == "http" ]]; then
log "publishing the http-json-c template service and the hello component, rolling them out"
API="http://127.0.0.1:$API_PORT/api/v1"
TOKEN=$(curl -fs "$API/auth/sessions" -H 'content-type: application/json' -d '{"userName":"alice","password":"platform-demo"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])')
auth=(-H "authorization: Bearer $TOKEN")
render_template bench-json "Hello from the edge" "$OUT/src-bench-json" "$OUT/bench-json.wasm"
publish_http() { # service component
  curl -fs "${auth[@]}" "$API/services" -H 'content-type: application/json' -d "{\"name\":\"$1\",\"team\":\"payments\"}" >/dev/null
  curl -fs "${auth[@]}" "$API/services/$1/versions" -F version=1.0.0 -F component=@"$2" -F "manifest=name = \"$1\"" >/dev/null
  curl -fs "${auth[@]}" "$API/services/$1/rollouts" -H 'content-type: application/json' -d '{"version":"1.0.0"}' >/dev/null
  for port in "$EDGE_PORT" $BASE_PORT; do
    for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/$1/" >/dev/null 2>&1 && break; sleep 0.5; done
    curl -fs "http://127.0.0.1:$port/$1/" >/dev/null || { echo "the edge node on $port never served $1" >&2; exit 1; }
  done
}
publish_http bench-json "$OUT/bench-json.wasm"
publish_http bench-hello "$OUT/hello.wasm"
# Plain Kestrel answers what each service answers (same body and content type), so the ratio is the platform's cost.
for service in bench-json bench-hello; do
  [[ "$(curl -fs "http://127.0.0.1:$EDGE_PORT/$service/")" == "$(curl -fs "http://127.0.0.1:$KESTREL_PORT/$service/")" ]] \
    || { echo "plain Kestrel does not answer what $service answers" >&2; exit 1; }
done

run_wrk() { # name connections url
  local threads=$(( $2 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$2" -d3s "$3" >/dev/null   # warm-up
  wrk -t"$threads" -c"$2" -d"${SECONDS_PER_RUN}s" --latency "$3" | tee "$OUT/wrk-$1.txt" >/dev/null
}
rm -f "$OUT"/wrk-*.txt
log "wrk: plain Kestrel and the edge node, alternating, under load ($CONNECTIONS connections) and one connection at a time"
for round in $(seq 1 "${BENCH_ROUNDS:-3}"); do
  for mode in ${BENCH_HTTP_MODES:-load single}; do
    connections=$([[ $mode == load ]] && echo "$CONNECTIONS" || echo 1)
    run_wrk "$mode-jsonkestrel-$round" "$connections" "http://127.0.0.1:$KESTREL_PORT/bench-json/"
    run_wrk "$mode-jsonedge-$round" "$connections" "http://127.0.0.1:$EDGE_PORT/bench-json/"
    run_wrk "$mode-kestrel-$round" "$connections" "http://127.0.0.1:$KESTREL_PORT/bench-hello/"
    run_wrk "$mode-edge-$round" "$connections" "http://127.0.0.1:$EDGE_PORT/bench-hello/"
    [[ -z "$BASE_PORT" ]] || run_wrk "$mode-base-$round" "$connections" "http://127.0.0.1:$BASE_PORT/bench-hello/"
  done
done
python3 scripts/wrk_report.py "$OUT" | tee "$OUT/http-summary.txt"
fi

if [[ -z "${BENCH_ONLY:-}" || "${BENCH_ONLY:-}" == "neighbours" ]]; then
  log "neighbours: a healthy WAGI service alone and beside a looping one (200 ms deadline, 8 clients)"
  API="http://127.0.0.1:$API_PORT/api/v1"
  TOKEN=$(curl -fs "$API/auth/sessions" -H 'content-type: application/json' -d '{"userName":"alice","password":"platform-demo"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])')
  auth=(-H "authorization: Bearer $TOKEN")
  publish_wagi() { # service module deadline_ms
    bash tools/wasm/build-c-wagi.sh "tests/components-wagi/$2" "$OUT/$2.wasm"
    curl -fs "${auth[@]}" "$API/services" -H 'content-type: application/json' -d "{\"name\":\"$1\",\"team\":\"payments\"}" >/dev/null
    curl -fs "${auth[@]}" "$API/services/$1/versions" -F version=1.0.0 -F component=@"$OUT/$2.wasm" \
      -F "manifest=name = \"$1\"
executor = \"wagi\"
[limits]
deadline_ms = $3" >/dev/null
    curl -fs "${auth[@]}" "$API/services/$1/rollouts" -H 'content-type: application/json' -d '{"version":"1.0.0"}' >/dev/null
    for _ in $(seq 1 120); do [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$EDGE_PORT/$1/")" =~ ^(200|504)$ ]] && return 0; sleep 0.5; done
    echo "the edge node never served $1" >&2; exit 1
  }
  publish_wagi bench-healthy hello-wagi 1000
  publish_wagi bench-loop loop-wagi 200
  NSECONDS="${BENCH_NEIGHBOUR_SECONDS:-10}"
  rm -f "$OUT"/neighbours-*.txt
  healthy="http://127.0.0.1:$EDGE_PORT/bench-healthy/"
  wrk -t1 -c8 -d3s "$healthy" >/dev/null   # warm-up
  wrk -t1 -c8 -d"${NSECONDS}s" --latency "$healthy" >"$OUT/neighbours-alone.txt"
  # The node's collector and the machine's stolen time (a virtual machine's cores taken by its host), before and after.
  gc_lines() { { curl -fs "http://127.0.0.1:$EDGE_PORT/metrics" | grep -E '^platform_edge_(gc_|allocated_)' || true
    awk '/^cpu /{print "machine_steal_jiffies " $9}' /proc/stat; } >"$1"; }
  gc_lines "$OUT/neighbours-gc-before.txt"
  # The looping service starts first and ends last, so it is busy for the whole measured window.
  wrk -t1 -c8 -d"$((NSECONDS + 4))s" --timeout 5s --latency "http://127.0.0.1:$EDGE_PORT/bench-loop/" >"$OUT/neighbours-loop.txt" &
  loop_pid=$!
  sleep 2
  wrk -t1 -c8 -d"${NSECONDS}s" --latency "$healthy" >"$OUT/neighbours-beside.txt"
  wait "$loop_pid"
  gc_lines "$OUT/neighbours-gc-after.txt"
  curl -fs "http://127.0.0.1:$EDGE_PORT/metrics" | grep -E '^platform_edge_(worker|cpu|queue|deadline_answer_lateness)_[a-z_]+\{service="bench-(healthy|loop)"' >"$OUT/neighbours-metrics.txt" || true
  sleep 3   # one heartbeat: the node's latency samples (queue time included) reach the API
  curl -fs "${auth[@]}" "$API/services/bench-loop/metrics" >"$OUT/neighbours-loop-server.json" || true
  python3 scripts/neighbours_report.py "$OUT" 200 | tee "$OUT/neighbours-summary.txt"
fi

if [[ -z "${BENCH_ONLY:-}" || "${BENCH_ONLY:-}" == "scale" ]]; then
  log "scale: the services list's first page with 100 services, then with ${BENCH_SCALE_SERVICES:-10000}"
  API="http://127.0.0.1:$API_PORT/api/v1"
  TOKEN=$(curl -fs "$API/auth/sessions" -H 'content-type: application/json' -d '{"userName":"alice","password":"platform-demo"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])')
  ADMIN_TOKEN=$(curl -fs "$API/auth/sessions" -H 'content-type: application/json' -d '{"userName":"admin","password":"platform-demo"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])')
  seed_services() { # up to N services named scale-00001…, two in three alice's team's, created through the API on one keep-alive connection
    python3 - "$API_PORT" "$ADMIN_TOKEN" "$1" <<'PY'
import http.client, json, sys
port, token, target = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
conn = http.client.HTTPConnection("127.0.0.1", port)
headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
conn.request("GET", "/api/v1/services?search=scale-&limit=1", headers=headers)
response = conn.getresponse(); response.read()
have = int(response.getheader("X-Total-Count"))
for i in range(have + 1, target + 1):
    conn.request("POST", "/api/v1/services", json.dumps({"name": f"scale-{i:05d}", "team": "payments" if i % 3 else "web",
                                                          "description": f"Scale service {i}"}), headers)
    response = conn.getresponse(); body = response.read()
    if response.status != 201:
        sys.exit(f"creating scale-{i:05d}: {response.status} {body[:200]!r}")
PY
  }
  measure_list() { # name
    wrk -t1 -c1 -d2s -H "authorization: Bearer $TOKEN" "$API/services?limit=50" >/dev/null
    wrk -t1 -c1 -d"${BENCH_SCALE_SECONDS:-10}s" --latency -H "authorization: Bearer $TOKEN" "$API/services?limit=50" >"$OUT/scale-$1.txt"
    wrk -t1 -c1 -d"${BENCH_SCALE_SECONDS:-10}s" --latency -H "authorization: Bearer $TOKEN" "$API/services?limit=50&mine=true&status=undeployed&search=service%209&sort=-created" >"$OUT/scale-$1-filtered.txt"
  }
  # Rolling out with a fleet of running services: every scale service without a deployment gets a copy of fleet-template's
  # 1.0.0 (the hello component) as its stable version, written to the database in one statement (through the API that
  # would be 10,000 publishes and rollouts); the nodes then serve them all. Removed again at the end of the part.
  curl -fs -H "authorization: Bearer $TOKEN" "$API/services" -H 'content-type: application/json' -d '{"name":"fleet-template","team":"payments"}' >/dev/null
  curl -fs -H "authorization: Bearer $TOKEN" "$API/services/fleet-template/versions" -F version=1.0.0 -F component=@"$OUT/hello.wasm" \
    -F 'manifest=name = "fleet-template"' >/dev/null
  fleet_sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB" -v ON_ERROR_STOP=1 -qc "$1"; }
  deploy_scale() {
    fleet_sql "WITH template AS (SELECT v.* FROM component_versions v JOIN services s ON s.id = v.service_id WHERE s.name = 'fleet-template'),
      copies AS (INSERT INTO component_versions (id, service_id, version, digest, size, executor, imports, exports, manifest_text,
          allowed_outbound_hosts, key_value_stores, variables, declared_variables, required_variables, secret_variables, deadline_ms,
          memory_mb, published_by, published_at, max_instances, publish_topics, triggers)
        SELECT gen_random_uuid(), s.id, t.version, t.digest, t.size, t.executor, t.imports, t.exports, t.manifest_text, t.allowed_outbound_hosts,
          t.key_value_stores, t.variables, t.declared_variables, t.required_variables, t.secret_variables, t.deadline_ms, t.memory_mb,
          t.published_by, now(), t.max_instances, t.publish_topics, t.triggers
        FROM services s CROSS JOIN template t
        WHERE s.name LIKE 'scale-0%' AND NOT EXISTS (SELECT 1 FROM service_deployments d WHERE d.service_id = s.id)
        RETURNING id, service_id)
      INSERT INTO service_deployments (service_id, stable_version_id, updated_at) SELECT service_id, id, now() FROM copies"
    # Every deployed service is placed on every node here (no placement selects by label before part g).
    local want
    want=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB" -tAc "SELECT count(*) FROM service_deployments")
    for port in "$EDGE_PORT" "$EDGE2_PORT" "$EDGE3_PORT"; do
      for _ in $(seq 1 600); do
        [[ $(curl -fs "http://127.0.0.1:$port/healthz" | python3 -c 'import sys,json;print(json.load(sys.stdin)["services"])') -ge $want ]] && break
        sleep 1
      done
    done
  }
  rollout_timings() { # service
    dotnet "$(bin bench/Platform.Benchmarks.Rollout Platform.Benchmarks.Rollout)" timings "http://127.0.0.1:$API_PORT" "$OUT/hello.wasm" \
      "http://127.0.0.1:$EDGE_PORT" "http://127.0.0.1:$EDGE2_PORT" "http://127.0.0.1:$EDGE3_PORT" --iterations "${BENCH_SCALE_ROLLOUTS:-5}" \
      --service "$1" >"$OUT/scale-rollouts-$1.txt"
  }
  seed_services 100; measure_list 100
  deploy_scale; rollout_timings fleet-probe-100
  started=$(date +%s); seed_services "${BENCH_SCALE_SERVICES:-10000}"; seeded=$(( $(date +%s) - started ))
  measure_list many
  started=$(date +%s); deploy_scale; fleet_ready=$(( $(date +%s) - started ))
  rollout_timings fleet-probe-many
  fleet_sql "DELETE FROM service_deployments d USING services s WHERE s.id = d.service_id AND s.name LIKE 'scale-0%';
    DELETE FROM component_versions v USING services s WHERE s.id = v.service_id AND s.name LIKE 'scale-0%'"
  echo "-- rollouts with 100 running services, then with ${BENCH_SCALE_SERVICES:-10000} (all three nodes serving them after ${fleet_ready} s)" \
    | tee "$OUT/scale-rollouts-summary.txt"
  grep -h -E "^--|start → 100%|abort →|ratio" "$OUT/scale-rollouts-fleet-probe-100.txt" "$OUT/scale-rollouts-fleet-probe-many.txt" | tee -a "$OUT/scale-rollouts-summary.txt"
  python3 - "$OUT" "${BENCH_SCALE_SERVICES:-10000}" "$seeded" <<'PY' | tee "$OUT/scale-summary.txt"
import pathlib, re, sys
out, many, seeded = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
def read(name):
    text = (out / f"scale-{name}.txt").read_text()
    p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)", text, re.M)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)", text, re.M)
    ms = lambda m: float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
    return float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)), ms(p50), ms(p99)
for kind, suffix in (("first page of 50", ""), ("first page of 50, filtered (mine, status, search, newest first)", "-filtered")):
    base, big = read("100" + suffix), read("many" + suffix)
    print(f"services list, {kind}: 100 services p50 {base[1]:.1f} ms p99 {base[2]:.1f} ms; {many} services p50 {big[1]:.1f} ms p99 {big[2]:.1f} ms "
          f"(ratio {big[1] / base[1]:.2f})")
print(f"({int(many) - 100} services created through the API in {seeded} s)")
PY
fi

if [[ -z "${BENCH_ONLY:-}" || "${BENCH_ONLY:-}" == "events" ]]; then
  log "events: order events through one edge node's consumer against a raw JetStream consumer, alternating"
  API="http://127.0.0.1:$API_PORT/api/v1"
  session() { curl -fs "$API/auth/sessions" -H 'content-type: application/json' -d "{\"userName\":\"$1\",\"password\":\"platform-demo\"}" \
    | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])'; }
  auth=(-H "authorization: Bearer $(session alice)"); admin=(-H "authorization: Bearer $(session admin)")
  json=(-H 'content-type: application/json')
  bash tools/wasm/build-c-component.sh bench/components/order-projection "$OUT/order-projection.wasm"
  bash tools/wasm/build-c-component.sh tests/components-events/consumer "$OUT/noop-consumer.wasm"
  # Topics made alike through the API (same stream settings): the baseline consumes one, each service on the edge node another.
  for topic in bench-orders-raw bench-orders bench-orders-noop; do
    curl -fs "${auth[@]}" "${json[@]}" "$API/topics" -d "{\"name\":\"$topic\",\"team\":\"payments\",\"description\":\"order events (benchmark)\"}" >/dev/null
  done
  # One edge node runs the consumers: the services are placed by a label only bench-edge has.
  node_id=$(curl -fs "${admin[@]}" "$API/nodes" | python3 -c 'import sys,json;print(next(n["id"] for n in json.load(sys.stdin) if n["name"]=="bench-edge"))')
  curl -fs "${admin[@]}" "${json[@]}" -X PUT "$API/nodes/$node_id/labels" -d '{"region":"local","labels":{"bench":"events"}}' >/dev/null
  publish_consumer() { # service topic component capabilities-toml
    curl -fs "${auth[@]}" "${json[@]}" "$API/services" -d "{\"name\":\"$1\",\"team\":\"payments\"}" >/dev/null
    curl -fs "${auth[@]}" "${json[@]}" -X PUT "$API/services/$1/placement" -d '{"matchLabels":{"bench":"events"}}' >/dev/null
    curl -fs "${auth[@]}" "$API/services/$1/versions" -F version=1.0.0 -F component=@"$3" -F "manifest=name = \"$1\"
route = \"/$1\"
[capabilities]
$4
[[triggers]]
topic = \"$2\"
max_in_flight = 8
[limits]
deadline_ms = 1000" >/dev/null
    local rollout; rollout=$(curl -fs "${auth[@]}" "${json[@]}" "$API/services/$1/rollouts" -d '{"version":"1.0.0"}')
    # A first version that declares capabilities (a trigger, key-value) waits for an admin's approval.
    if [[ "$(python3 -c 'import sys,json;print(json.loads(sys.argv[1]).get("awaitingApproval", False))' "$rollout")" == "True" ]]; then
      curl -fs "${admin[@]}" -X POST "$API/rollouts/$(python3 -c 'import sys,json;print(json.loads(sys.argv[1])["id"])' "$rollout")/approve" >/dev/null
    fi
  }
  # The order projection (what a team would write: parse the order, write a key-value entry) and the smallest consumer
  # (accepts every event: the event path alone).
  publish_consumer bench-orders bench-orders "$OUT/order-projection.wasm" 'key_value_stores = ["default"]'
  publish_consumer bench-orders-noop bench-orders-noop "$OUT/noop-consumer.wasm" ''
  events_bin="$(bin bench/Platform.Benchmarks.Events Platform.Benchmarks.Events)"
  dotnet "$events_bin" consume "$Nats__Url" bench-orders-raw >"$OUT/events-raw-consumer.log" 2>&1 & pids+=($!)
  RAW_PID=$!
  rm -f "$OUT"/events-burst-*.txt "$OUT"/events-single-*.txt
  dotnet "$events_bin" run "$Nats__Url" "$OUT" "$NATS_PID" raw=bench-orders-raw:"$RAW_PID" edge=bench-orders:"$EDGE_PID" \
    edge-noop=bench-orders-noop:"$EDGE_PID" --events "${BENCH_EVENTS:-20000}" --single "${BENCH_EVENTS_SINGLE:-1000}" \
    --rounds "${BENCH_ROUNDS:-3}" | tee "$OUT/events-rounds.txt"
  # The projection is there: the first order of round 1's burst to the edge node (side 1), read back through the service's route.
  projection=$(curl -fs "http://127.0.0.1:$EDGE_PORT/bench-orders/orders/o-b11-000000")
  [[ "$projection" == '{"customer":"c-0000","amount":1000,"currency":"EUR"}' ]] \
    || { echo "the order projection is not what the consumer should have written: $projection" >&2; exit 1; }
  curl -fs "http://127.0.0.1:$EDGE_PORT/metrics" | grep -E '^platform_edge_[a-z_]+\{service="bench-orders(-noop)?"' >"$OUT/events-node-metrics.txt" || true
  python3 scripts/events_report.py "$OUT" | tee "$OUT/events-summary.txt"
fi

if [[ -z "${BENCH_ONLY:-}" || "${BENCH_ONLY:-}" == "density" ]]; then
  log "density: one edge node with ${BENCH_DENSITY_SERVICES:-10000} services of their own components, then cold versions"
  [[ -f "$OUT/bench-json.wasm" ]] || render_template bench-json "Hello from the edge" "$OUT/src-bench-json" "$OUT/bench-json.wasm"
  # Its own node process and control plane stub; the stack's processes above stay idle meanwhile.
  dotnet "$(bin bench/Platform.Benchmarks.Density Platform.Benchmarks.Density)" "$(bin src/EdgeNode Platform.EdgeNode)" "$OUT/bench-json.wasm" "$OUT" \
    --services "${BENCH_DENSITY_SERVICES:-10000}" --cold "${BENCH_DENSITY_COLD:-1000}"
fi

[[ -n "${BENCH_ONLY:-}" && "${BENCH_ONLY:-}" != "executors" ]] && exit 0
log "BenchmarkDotNet: executors"
kill "${pids[@]}" 2>/dev/null || true
dotnet run -c Release --no-build --project bench/Platform.Benchmarks -- --filter '*' --artifacts "$OUT/dotnet" | tee "$OUT/executors.txt" | grep -E '^\|' || true
