#!/usr/bin/env bash
# The README's "run it" command. Installs what it lacks (npm ci, Debian's prometheus), builds the plugin, then
# runs the catalog-as-code tools on examples/catalog.yaml against a real Prometheus holding 30 days of demo
# history (a checkout burn in the last 90 minutes included). Ctrl-C stops everything it started.
# (The Grafana-like plugin host and docker-compose arrive with the demo-environment issue.)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

PORT="${DEMO_PROMETHEUS_PORT:-9090}"
CATALOG=examples/catalog.yaml
northstar() { node bin/northstar.cjs "$@"; }

ensure_node_modules
ensure_debian_package prometheus prometheus
ensure_debian_package promtool prometheus

echo "==> build the plugin (dist/)"
npm run --silent build >/dev/null
ls dist/module.js dist/plugin.json dist/panels/kpi/module.js

work=$(mktemp -d)
prometheus_pid=""
cleanup() {
  if [ -n "$prometheus_pid" ] && kill -0 "$prometheus_pid" 2>/dev/null; then
    kill "$prometheus_pid" && wait "$prometheus_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "==> northstar validate $CATALOG"
northstar validate "$CATALOG"

echo "==> northstar rules $CATALOG (checked with promtool)"
northstar rules "$CATALOG" -o "$work/rules.yml"
promtool check rules "$work/rules.yml"

echo "==> northstar openslo export $CATALOG | head"
northstar openslo export "$CATALOG" | head -n 12

echo "==> 30 days of demo history into a fresh Prometheus TSDB"
end=$(( $(date +%s) / 60 * 60 ))
npx tsx demo/backfill.ts "$work/history.om" --end "$end"
promtool tsdb create-blocks-from openmetrics --quiet --max-block-duration=744h "$work/history.om" "$work/data" >/dev/null
printf 'global:\n  scrape_interval: 1m\n' >"$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --storage.tsdb.retention.time=3650d --web.listen-address="127.0.0.1:$PORT" >"$work/prometheus.log" 2>&1 &
prometheus_pid=$!
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$PORT/-/ready" >/dev/null 2>&1 && break
  kill -0 "$prometheus_pid" 2>/dev/null || { cat "$work/prometheus.log"; echo "error: prometheus did not start" >&2; exit 1; }
  sleep 0.2
done

echo "==> northstar eval $CATALOG --prometheus http://127.0.0.1:$PORT"
set +e
northstar eval "$CATALOG" --prometheus "http://127.0.0.1:$PORT" --scrape-interval 1m --at "$end"
status=$?
set -e
echo "(eval exit code $status: 0 = every KPI has data, 2 = a KPI without data)"

cat <<INFO

Prometheus with the demo history: http://127.0.0.1:$PORT
Generated rules: $work/rules.yml
Evaluate again:  node bin/northstar.cjs eval $CATALOG --prometheus http://127.0.0.1:$PORT --scrape-interval 1m --at $end --json
Press Ctrl-C to stop Prometheus and clean up.
INFO
if [ "${DEMO_EXIT_AFTER_EVAL:-}" = 1 ]; then
  exit 0
fi
wait "$prometheus_pid"
