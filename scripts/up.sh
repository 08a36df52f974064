#!/usr/bin/env bash
# Runs the whole platform locally: its own PostgreSQL cluster, its own NATS JetStream server (topics), migrations and seed data, the API, the
# Deployer, the portal, two edge nodes and a trace viewer every process exports to. Prints the URLs;
# Ctrl-C stops everything.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

API_PORT="${PLATFORM_API_PORT:-5080}"
PORTAL_PORT="${PLATFORM_PORTAL_PORT:-5000}"
DEPLOYER_PORT="${PLATFORM_DEPLOYER_PORT:-5090}"
EDGE_PORTS=(${PLATFORM_EDGE_PORTS:-8081 8082})
ENROLMENT_TOKEN="${PLATFORM_ENROLMENT_TOKEN:-local-enrolment-token}"
LOGS="$LOCAL/logs"
# The trace viewer (the Aspire dashboard, a NuGet package for linux-x64) receives OTLP from every process. It is
# left out with PLATFORM_TRACE_VIEWER=0, on other machines, or when OTEL_EXPORTER_OTLP_ENDPOINT names a receiver of your own.
VIEWER_PORT="${PLATFORM_VIEWER_PORT:-18888}"
OTLP_HTTP_PORT="${PLATFORM_OTLP_PORT:-4318}"
OTLP_GRPC_PORT="${PLATFORM_OTLP_GRPC_PORT:-4317}"
viewer=1
[[ "${PLATFORM_TRACE_VIEWER:-1}" == 0 || -n "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" || "$(uname -sm)" != "Linux x86_64" ]] && viewer=0
viewer_ports=()
[[ $viewer == 1 ]] && viewer_ports=("$VIEWER_PORT" "$OTLP_HTTP_PORT" "$OTLP_GRPC_PORT")

nats_running=0
PLATFORM_NATS_PORT="$NATS_PORT" bash "$ROOT/scripts/nats.sh" status >/dev/null 2>&1 && nats_running=1
for port in "$API_PORT" "$PORTAL_PORT" "$DEPLOYER_PORT" "${EDGE_PORTS[@]}" "${viewer_ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use; stop what listens there or choose other ports (PLATFORM_*_PORT, see README)." >&2
    exit 1
  fi
done
bash "$ROOT/scripts/setup.sh"
# The local platform keeps what users create: PostgreSQL runs crash-safe here (the tests use the fast settings).
PLATFORM_PG_DURABLE=1 bash "$ROOT/scripts/pg.sh" start
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='platform'" | grep -q 1 \
  || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE platform"
# NATS JetStream (topics): the project's own server, store in .local/nats; it keeps running after Ctrl-C, like PostgreSQL.
if [[ $nats_running == 0 ]] && (exec 3<>"/dev/tcp/127.0.0.1/$NATS_PORT") 2>/dev/null; then
  echo "Port $NATS_PORT (NATS) is already in use by something else; choose another with PLATFORM_NATS_PORT." >&2
  exit 1
fi
bash "$ROOT/scripts/nats.sh" start
export Nats__Url="nats://127.0.0.1:$NATS_PORT"
export ConnectionStrings__Platform="$(connection_string platform)"
export Edge__EnrolmentToken="$ENROLMENT_TOKEN"
export ASPNETCORE_ENVIRONMENT=Development

log "migrating and seeding"
dotnet "$ROOT/migrations/bin/Debug/net10.0/Platform.Migrations.dll" --demo true --templates "$ROOT/templates" --sdk "$ROOT/sdk"

mkdir -p "$LOGS"
pids=()
start() { # name dll args...
  local name="$1" dll="$2"; shift 2
  dotnet "$dll" "$@" >"$LOGS/$name.log" 2>&1 &
  pids+=($!)
}
stop_all() { log "stopping"; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop_all EXIT INT TERM

if [[ $viewer == 1 ]]; then
  log "starting the trace viewer"
  dashboard_project="$ROOT/tools/dashboard/Platform.TraceViewer.csproj"
  dotnet restore "$dashboard_project" -v q >/dev/null
  dashboard="$(dotnet msbuild "$dashboard_project" -getProperty:NuGetPackageRoot)aspire.dashboard.sdk.linux-x64/$(dotnet msbuild "$dashboard_project" -getProperty:AspireDashboardVersion)/tools/Aspire.Dashboard"
  # Loopback only, so no sign-in: whoever can reach it can read every process's traces and logs.
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$VIEWER_PORT" \
    ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="http://127.0.0.1:$OTLP_HTTP_PORT" ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$OTLP_GRPC_PORT" \
    ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true "$dashboard" >"$LOGS/trace-viewer.log" 2>&1 &
  pids+=($!)
  export OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$OTLP_HTTP_PORT" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
  # The portal links builds and rollouts to their traces there.
  export TraceViewer__TraceUrl="http://127.0.0.1:$VIEWER_PORT/traces/detail/{traceId}"
fi

start api "$ROOT/src/Platform.Api/bin/Debug/net10.0/Platform.Api.dll" --urls "http://127.0.0.1:$API_PORT" --Git:RepositoriesPath "$LOCAL/repositories"
start deployer "$ROOT/src/Deployer/bin/Debug/net10.0/Platform.Deployer.dll" --urls "http://127.0.0.1:$DEPLOYER_PORT" --Build:ToolsRoot "$ROOT/tools"
(cd "$ROOT/src/Portal" && exec dotnet bin/Debug/net10.0/Platform.Portal.dll --urls "http://127.0.0.1:$PORTAL_PORT" --Platform:ApiUrl "http://127.0.0.1:$API_PORT" >"$LOGS/portal.log" 2>&1) &
pids+=($!)
regions=(eu-west us-east eu-central ap-south)
for i in "${!EDGE_PORTS[@]}"; do
  port="${EDGE_PORTS[$i]}"
  start "edge-$((i + 1))" "$ROOT/src/EdgeNode/bin/Debug/net10.0/Platform.EdgeNode.dll" --urls "http://127.0.0.1:$port" \
    --Node:Name "edge-$((i + 1))" --Node:Region "${regions[$((i % 4))]}" --Node:PublicUrl "http://127.0.0.1:$port" \
    --Node:DataDir "$LOCAL/edge-$((i + 1))" --ControlPlane:Url "http://127.0.0.1:$API_PORT" --ControlPlane:EnrolmentToken "$ENROLMENT_TOKEN"
done

wait_for() { for _ in $(seq 1 120); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "not answering: $1 (see $LOGS)" >&2; return 1; }
wait_for "http://127.0.0.1:$API_PORT/healthz"
wait_for "http://127.0.0.1:$PORTAL_PORT/"
for port in "${EDGE_PORTS[@]}"; do wait_for "http://127.0.0.1:$port/healthz"; done
[[ $viewer == 1 ]] && wait_for "http://127.0.0.1:$VIEWER_PORT/"
for pid in "${pids[@]}"; do
  kill -0 "$pid" 2>/dev/null || { echo "A platform process exited during start-up (a port in use?); see $LOGS:" >&2; tail -n 5 "$LOGS"/*.log >&2; exit 1; }
done

# A new edge node's region and labels are only its claim: they select nothing until a platform admin accepts them
# (README, Security model). The demo admin accepts the local nodes' claims here, as an admin would on the Nodes page,
# with a session of its own (the caller's saved sign-in is left alone) that is signed out again.
log "accepting the edge nodes' claimed regions as the demo admin"
admin_cli() {
  XDG_CONFIG_HOME="$LOCAL/up-admin" dotnet "$ROOT/src/Platform.Cli/bin/Debug/net10.0/platform.dll" --api "http://127.0.0.1:$API_PORT" "$@"
}
if echo "platform-demo" | admin_cli login --user admin --password-stdin >/dev/null; then
  for i in "${!EDGE_PORTS[@]}"; do
    node="edge-$((i + 1))" claimed=""
    for _ in $(seq 1 60); do # the node enrols right after it starts; CLAIMED is "-" once accepted (a node enrolled before)
      claimed="$(admin_cli nodes 2>/dev/null | awk -v n="$node" '$1 == n { print $4 }' || true)"
      [[ -n "$claimed" ]] && break
      sleep 0.5
    done
    if [[ -z "$claimed" ]]; then echo "$node did not enrol (see $LOGS/$node.log)" >&2
    elif [[ "$claimed" != "-" ]]; then admin_cli node-accept "$node" >/dev/null || echo "Accepting $node's labels failed (see above)." >&2; fi
  done
  admin_cli logout >/dev/null || true
else
  echo "Could not sign in as the demo admin: accept the edge nodes' labels on the portal's Nodes page (or platform node-accept)." >&2
fi

cat <<INFO

  Platform is running.
    Portal          http://127.0.0.1:$PORTAL_PORT
    REST API        http://127.0.0.1:$API_PORT/api/v1   (OpenAPI: /openapi/v1.json)
    Deployer        http://127.0.0.1:$DEPLOYER_PORT/hangfire   (admin token: ?access_token=...)
    Edge nodes      $(for p in "${EDGE_PORTS[@]}"; do printf 'http://127.0.0.1:%s  ' "$p"; done)
    Git             http://127.0.0.1:$API_PORT/git/<service>.git   (password: an API token; repositories in .local/repositories)
    PostgreSQL      127.0.0.1:$PG_PORT (database platform)
    NATS JetStream  nats://127.0.0.1:$NATS_PORT   (topics as streams; store in .local/nats; scripts/nats.sh stop)
    CLI             scripts/platform login --user alice   (then: services, deploy, rollouts …)
    Logs            .local/logs/
$(if [[ $viewer == 1 ]]; then
  echo "    Trace viewer    http://127.0.0.1:$VIEWER_PORT   (traces, logs, metrics of every process; OTLP/HTTP at :$OTLP_HTTP_PORT)"
elif [[ -n "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ]]; then
  echo "    Telemetry       OTLP to $OTEL_EXPORTER_OTLP_ENDPOINT"
fi)

  Demo users (password: platform-demo): admin (platform admin), alice (team payments), bob (team web)

  Ctrl-C stops everything.
INFO
wait
