#!/usr/bin/env bash
# `npm run demo`: builds the plugin, then runs the demo environment until Ctrl-C.
# - With Docker (`docker info` answers): docker compose up: Grafana with the plugin, Prometheus, the shop's
#   PostgreSQL, demo workload.
# - Without: the same stack from local processes: Prometheus (Debian package) holding 62 days of demo history,
#   PostgreSQL (Debian package, a throwaway cluster as the tests start it: demo/localPostgres.ts) holding the shop's
#   90 days of orders, payments and incidents, the demo workload (demo/exporter.ts) Prometheus scrapes and that
#   writes the live shop, and the plugin host (e2e/host/main.ts) in Grafana's place.
# Every local run rebuilds the history and the TSDB in .demo/ from scratch: the history ends "now" and the workload's
# counters continue from it, which a TSDB kept from an earlier run (ending hours ago) would break. A lock keeps a
# second run from touching .demo/ while the first one runs.
#
# Environment: DEMO_GRAFANA_PORT (3000), DEMO_PROMETHEUS_PORT (9090), DEMO_EXPORTER_PORT (9464); DEMO_LOCAL=1 runs
# the local stack even with Docker; DEMO_SMOKE=1 starts the local stack, checks that every part answers and that
# every KPI has data (the SQL ones read through the plugin host, as the app reads them), prints what it started
# and stops (for CI and tests).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

GRAFANA_PORT="${DEMO_GRAFANA_PORT:-3000}"
PROMETHEUS_PORT="${DEMO_PROMETHEUS_PORT:-9090}"
EXPORTER_PORT="${DEMO_EXPORTER_PORT:-9464}"
SMOKE="${DEMO_SMOKE:-}"
STATE_DIR=.demo
LOG_DIR="$STATE_DIR/logs"
CATALOG=examples/catalog.yaml
# The earlier published versions of its KPIs, for their version history (examples/catalog.history.yaml).
CATALOG_HISTORY=examples/catalog.history.yaml
HOST_ENTRY=e2e/host/main.ts
# The history's resolution and the scrape interval (demo/metrics.ts SCRAPE_INTERVAL_SECONDS, demo/prometheus*.yml).
SCRAPE_INTERVAL=1m
PLUGIN_ID=northstar-kpi-app

GRAFANA_URL="http://127.0.0.1:$GRAFANA_PORT"
PROMETHEUS_URL="http://127.0.0.1:$PROMETHEUS_PORT"
EXPORTER_URL="http://127.0.0.1:$EXPORTER_PORT"
CHAOS_EXAMPLE="curl -X POST -H 'X-Northstar-Chaos: 1' '$EXPORTER_URL/chaos?service=checkout&errorRate=0.05&minutes=30'"

tsx=node_modules/.bin/tsx
northstar() { node bin/northstar.cjs "$@"; }
die() { echo "error: $*" >&2; exit 1; }

build_plugin() {
  echo "==> build the plugin (dist/)"
  npm run --silent build >"$LOG_DIR/build.log" 2>&1 ||
    { tail -n 40 "$LOG_DIR/build.log" >&2; die "the plugin build failed (log: $LOG_DIR/build.log)"; }
}

ensure_node_modules
mkdir -p "$LOG_DIR"

if [ -z "$SMOKE" ] && [ -z "${DEMO_LOCAL:-}" ] && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  build_plugin
  cat <<INFO
==> docker compose up: Grafana with the plugin, Prometheus with 62 days of history, the shop's PostgreSQL, the demo workload
    Grafana (anonymous admin)  http://localhost:3000/a/$PLUGIN_ID/catalog
    Prometheus                 http://localhost:9090
    Demo workload              http://localhost:9464
    Burn checkout's budget     curl -X POST -H 'X-Northstar-Chaos: 1' 'http://localhost:9464/chaos?service=checkout&errorRate=0.05&minutes=30'
    Ctrl-C stops the containers; docker compose down -v also deletes the history and the TSDB.
    (DEMO_*_PORT apply to the local stack only: DEMO_LOCAL=1 npm run demo runs it even with Docker.)
INFO
  if docker compose version >/dev/null 2>&1; then exec docker compose up --build; fi
  exec docker-compose up --build
fi

# --- the local stack -------------------------------------------------------------------------------------------

ensure_debian_package prometheus prometheus
ensure_debian_package promtool prometheus
ensure_debian_package curl curl
ensure_debian_package '/usr/lib/postgresql/*/bin/initdb' postgresql

# A connection that succeeds means something listens there already.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for entry in "$GRAFANA_PORT:DEMO_GRAFANA_PORT:the plugin host" "$PROMETHEUS_PORT:DEMO_PROMETHEUS_PORT:Prometheus" \
  "$EXPORTER_PORT:DEMO_EXPORTER_PORT:the demo workload"; do
  IFS=: read -r port variable what <<<"$entry"
  if port_in_use "$port"; then
    die "port $port (for $what) is already in use on 127.0.0.1. Stop whatever listens there (ss -ltnp 'sport = :$port' names it) or pick another port: $variable=<port> npm run demo"
  fi
done

# The lock's file descriptor is inherited by everything started below, so even a killed script keeps a second run
# away from .demo/ until its processes are gone.
exec {lock_fd}>"$STATE_DIR/lock"
flock -n "$lock_fd" || die "another demo is running in this checkout and uses $STATE_DIR/ (stop it with Ctrl-C first)"

build_plugin

pids=()
names=()
# Each service runs in its own session and process group, so stopping it stops its children too (tsx runs node).
start() {
  local name=$1 log=$2
  shift 2
  setsid "$@" >"$log" 2>&1 </dev/null &
  pids+=("$!")
  names+=("$name")
}
stop_all() {
  local pid alive i
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for i in $(seq 1 50); do
    alive=""
    for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
    [ -z "$alive" ] && return 0
    sleep 0.2
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
}
trap stop_all EXIT
trap 'echo; echo "==> stopping"; exit 130' INT TERM

# wait_until NAME PID URL LOG SECONDS: until URL answers with any HTTP status; fails when NAME's process dies first.
wait_until() {
  local name=$1 pid=$2 url=$3 log=$4 seconds=$5 i
  for i in $(seq 1 $((seconds * 5))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" != 000 ] && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$log" >&2; die "$name exited before it answered on $url (log: $log)"; }
    sleep 0.2
  done
  die "$name did not answer on $url within $seconds s (log: $log)"
}

echo "==> northstar validate $CATALOG"
northstar validate "$CATALOG"

echo "==> 62 days of demo history and the catalog's base records in a fresh Prometheus TSDB ($STATE_DIR/prometheus)"
rm -rf "$STATE_DIR/history" "$STATE_DIR/prometheus"
"$tsx" demo/backfill.ts "$STATE_DIR/history"
"$tsx" demo/rules.ts "$STATE_DIR/history"
# The step docker compose runs too: the history imported, then the base records (the on-call view of every KPI
# reads them) backfilled over it by promtool, through a short-lived Prometheus on our port.
HISTORY_DIR="$STATE_DIR/history" TSDB_DIR="$STATE_DIR/prometheus" BACKFILL_PORT="$PROMETHEUS_PORT" \
  sh demo/prometheus-backfill.sh >"$LOG_DIR/backfill.log" 2>&1 ||
  { tail -n 20 "$LOG_DIR/backfill.log" >&2; die "the history or its records could not be imported"; }
rm "$STATE_DIR/history/history.om"
sed "s/127\.0\.0\.1:9464/127.0.0.1:$EXPORTER_PORT/" demo/prometheus.local.yml >"$STATE_DIR/prometheus.yml"
cp "$STATE_DIR/history/rules.yml" "$STATE_DIR/rules.yml"

echo "==> Prometheus on $PROMETHEUS_URL"
start prometheus "$LOG_DIR/prometheus.log" prometheus --config.file="$STATE_DIR/prometheus.yml" \
  --storage.tsdb.path="$STATE_DIR/prometheus" --storage.tsdb.retention.time=90d \
  --web.listen-address="127.0.0.1:$PROMETHEUS_PORT"
wait_until Prometheus "${pids[-1]}" "$PROMETHEUS_URL/-/ready" "$LOG_DIR/prometheus.log" 60

echo "==> PostgreSQL (a throwaway cluster on a free port) with the shop's 90 days of history"
start postgres "$LOG_DIR/postgres.log" "$tsx" demo/localPostgres.ts --url-file "$STATE_DIR/postgres.url"
for i in $(seq 1 300); do
  [ -s "$STATE_DIR/postgres.url" ] && break
  kill -0 "${pids[-1]}" 2>/dev/null || { tail -n 20 "$LOG_DIR/postgres.log" >&2; die "PostgreSQL did not start (log: $LOG_DIR/postgres.log)"; }
  [ "$i" = 300 ] && die "PostgreSQL was not ready within 60 s (log: $LOG_DIR/postgres.log)"
  sleep 0.2
done
POSTGRES_URL=$(cat "$STATE_DIR/postgres.url")
"$tsx" demo/shopHistory.ts --postgres "$POSTGRES_URL" --state "$STATE_DIR/history/state.json" \
  >"$LOG_DIR/shop-history.log" 2>&1 ||
  { tail -n 20 "$LOG_DIR/shop-history.log" >&2; die "the shop's history could not be written (log: $LOG_DIR/shop-history.log)"; }
cat "$LOG_DIR/shop-history.log"

echo "==> demo workload on $EXPORTER_URL (and the live shop in PostgreSQL)"
start exporter "$LOG_DIR/exporter.log" "$tsx" demo/exporter.ts --port "$EXPORTER_PORT" \
  --state "$STATE_DIR/history/state.json" --postgres "$POSTGRES_URL"
wait_until "the demo workload" "${pids[-1]}" "$EXPORTER_URL/" "$LOG_DIR/exporter.log" 60

# The host accepts this token as a service account's, as Grafana does: `northstar eval --grafana` reads with it.
HOST_TOKEN="demo-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
host_running=""
if [ -f "$HOST_ENTRY" ]; then
  echo "==> plugin host on $GRAFANA_URL"
  start host "$LOG_DIR/host.log" "$tsx" "$HOST_ENTRY" --port "$GRAFANA_PORT" --prometheus "$PROMETHEUS_URL" \
    --postgres "$POSTGRES_URL" --scrape-interval "$SCRAPE_INTERVAL" --state-dir "$STATE_DIR/host" \
    --catalog "$CATALOG" --history "$CATALOG_HISTORY" --service-account-token "$HOST_TOKEN"
  # The host bundles its page on start (several seconds, longer on a first run).
  wait_until "the plugin host" "${pids[-1]}" "$GRAFANA_URL/" "$LOG_DIR/host.log" 180
  host_running=1
else
  echo "==> the plugin host is not available yet ($HOST_ENTRY does not exist): no app on $GRAFANA_URL this time"
fi

echo "==> northstar eval $CATALOG --prometheus $PROMETHEUS_URL (the KPIs over SQL say no-data here: Prometheus cannot read them)"
set +e
northstar eval "$CATALOG" --prometheus "$PROMETHEUS_URL" --scrape-interval "$SCRAPE_INTERVAL"
if [ -n "$host_running" ]; then
  echo "==> northstar eval $CATALOG --grafana $GRAFANA_URL --kpi payment-success (SQL, through the host's /api/ds/query)"
  GRAFANA_TOKEN="$HOST_TOKEN" northstar eval "$CATALOG" --grafana "$GRAFANA_URL" --kpi payment-success
fi
set -e

cat <<INFO

Northstar KPI demo (Ctrl-C stops everything):
INFO
if [ -n "$host_running" ]; then
  echo "  App (catalog)     $GRAFANA_URL/a/$PLUGIN_ID/catalog"
  echo "  App config        $GRAFANA_URL/plugins/$PLUGIN_ID"
  echo "  KPI panel         $GRAFANA_URL/host/panel?scenario=checkout-availability   (other scenarios: $LOG_DIR/host.log)"
else
  echo "  App               not yet: the plugin host ($HOST_ENTRY) is still being written"
fi
cat <<INFO
  Prometheus        $PROMETHEUS_URL/graph?g0.expr=sum%20by%20(job)%20(rate(http_requests_total%5B5m%5D))
  Demo workload     $EXPORTER_URL   (metrics: /metrics/checkout, /metrics/search, /metrics/login)
  Burn checkout's error budget: 5 % errors for 30 minutes, a 50x burn (checkout-availability pages after ~17 minutes):
    $CHAOS_EXAMPLE
  Shop database     $POSTGRES_URL   (orders, payments, incidents: the KPIs over SQL)
  Evaluate the catalog again (the PromQL KPIs; then every SLO, SQL included, through the host):
    node bin/northstar.cjs eval $CATALOG --prometheus $PROMETHEUS_URL --scrape-interval $SCRAPE_INTERVAL
    GRAFANA_TOKEN=$HOST_TOKEN node bin/northstar.cjs eval $CATALOG --grafana $GRAFANA_URL
  Logs: $LOG_DIR/
INFO

if [ -n "$SMOKE" ]; then
  [ -n "$host_running" ] || die "smoke test: the plugin host ($HOST_ENTRY) did not start"
  # Every published KPI has a status: the PromQL ones read from Prometheus, the SQL ones through the host.
  smoke_rows() {
    northstar eval "$CATALOG" --prometheus "$PROMETHEUS_URL" --scrape-interval "$SCRAPE_INTERVAL" --json \
      >"$STATE_DIR/eval-prometheus.json"
    GRAFANA_TOKEN="$HOST_TOKEN" northstar eval "$CATALOG" --grafana "$GRAFANA_URL" \
      --scrape-interval "$SCRAPE_INTERVAL" --json >"$STATE_DIR/eval-grafana.json"
    "$tsx" demo/smokeRows.ts "$CATALOG" "$STATE_DIR/eval-prometheus.json" "$STATE_DIR/eval-grafana.json"
  }
  # The history ends when this script started and the live scrapes begin once the workload runs. On a loaded machine
  # the import between them takes more than 5 minutes, so an SLO's 5m window is empty (no-data) until two scrapes of
  # the workload have landed: the check is repeated every 15 s for up to 5 minutes before it fails.
  for attempt in $(seq 1 20); do
    smoke_rows 2>"$STATE_DIR/smoke-problems.txt" && break
    if [ "$attempt" = 20 ]; then
      cat "$STATE_DIR/smoke-problems.txt" >&2
      die "smoke test: a KPI has no data after 5 minutes of live scrapes (the eval output: $STATE_DIR/eval-*.json)"
    fi
    [ "$attempt" = 1 ] && echo "==> smoke test: waiting for the live scrapes ($(head -n 1 "$STATE_DIR/smoke-problems.txt"))"
    sleep 15
  done
  curl -fsS "$EXPORTER_URL/metrics/checkout" | grep -c '^http_requests_total{code="500"}' >/dev/null ||
    die "smoke test: the workload's checkout metrics lack http_requests_total"
  if [ -n "$host_running" ]; then
    curl -fsS -o /dev/null "$GRAFANA_URL/a/$PLUGIN_ID/catalog" || die "smoke test: the plugin host does not serve the app page"
  fi
  # The base records cover the history's last 30 days (29 of them at a 1m interval are 41,760 samples), not minutes.
  recorded=$(curl -fsS "$PROMETHEUS_URL/api/v1/query" --data-urlencode \
    'query=count_over_time(northstar:kpi_good:rate5m{kpi_id="checkout-availability"}[29d]) > 40000' | grep -c '"value"' || true)
  [ "$recorded" -ge 1 ] || die "smoke test: the base records of the rules were not backfilled over the history"
  # Prometheus takes a few seconds after it is ready to set up its scrape targets.
  expected='"scrapePool":"checkout" "scrapePool":"login" "scrapePool":"search" '
  for i in $(seq 1 100); do
    targets=$(curl -fsS "$PROMETHEUS_URL/api/v1/targets" | { grep -o '"scrapePool":"[a-z]*"' || true; } | sort -u | tr '\n' ' ')
    [ "$targets" = "$expected" ] && break
    [ "$i" = 100 ] && die "smoke test: Prometheus scrapes ${targets:-nothing} instead of checkout, login and search"
    sleep 0.2
  done
  echo "smoke test passed: every part answered and every KPI has data; stopping"
  exit 0
fi

# Until Ctrl-C, or until one of the services dies (then stop the others and say which).
set +e
wait -n "${pids[@]}"
set -e
for i in "${!pids[@]}"; do
  if ! kill -0 "${pids[$i]}" 2>/dev/null; then
    die "${names[$i]} stopped unexpectedly (log: $LOG_DIR/${names[$i]}.log); stopping the rest"
  fi
done
