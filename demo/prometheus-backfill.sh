#!/bin/sh
# Imports the demo history into a Prometheus TSDB before Prometheus starts, then backfills the catalog's base
# records and their daily sums over it, so that dashboards on recorded series (the on-call view of every KPI) and
# the long windows' burn rates have 30 days of data from the first minute (the history itself is longer: 62 days).
# docker compose's backfill step runs it (prom/prometheus image, busybox sh) on every `up`; scripts/demo.sh runs it
# for the local demo. A TSDB that already holds this history (and whatever was scraped on top of it) is kept, so a
# second `up` never rewrites data under a running Prometheus; a new history (after `docker compose down -v`)
# replaces the TSDB.
#
# HISTORY_DIR holds history.om, history.id, rules-base.yml and rules-sums.yml (demo/backfill.ts and demo/rules.ts
# write them); TSDB_DIR is Prometheus' storage; BACKFILL_PORT is where the short-lived Prometheus that promtool queries listens;
# HISTORY_DAYS is how many of the history's last days the records cover: 30 by default, more than the longest
# SLO window (28d); the history itself may be longer (demo/backfill.ts --days, 62 by default).
set -eu
history_dir=${HISTORY_DIR:-/demo-history}
tsdb_dir=${TSDB_DIR:-/prometheus}
port=${BACKFILL_PORT:-9099}
days=${HISTORY_DAYS:-30}
history_id=$(cat "$history_dir/history.id")

if [ "$history_id" = "$(cat "$tsdb_dir/northstar-history.id" 2>/dev/null || true)" ]; then
  echo "prometheus-backfill: the TSDB already holds history $history_id; keeping it"
  exit 0
fi
echo "prometheus-backfill: importing history $history_id"
mkdir -p "$tsdb_dir"
rm -rf "${tsdb_dir:?}"/*
promtool tsdb create-blocks-from openmetrics --max-block-duration=744h "$history_dir/history.om" "$tsdb_dir"

# promtool evaluates each recording rule through a Prometheus API over the raw history: a Prometheus of its own,
# on the imported TSDB, with no scrapes and no rules. Two passes: the base records, then their daily sums, which
# read the base records and so need a Prometheus started after the first pass's blocks were moved in.
work=$(mktemp -d)
printf 'global:\n  evaluation_interval: 1m\n' >"$work/prometheus.yml"
# busybox has wget, a Debian desktop may have only curl.
answers() {
  if command -v wget >/dev/null 2>&1; then wget -q -O /dev/null "$1" 2>/dev/null; else curl -fsS -o /dev/null "$1" 2>/dev/null; fi
}
# The history ends at its id (Unix seconds); the rules are evaluated over all of it.
end=$history_id

# record_pass RULES_FILE: the records of RULES_FILE over the whole history, as blocks moved into the TSDB.
record_pass() {
  rules_file=$1
  echo "prometheus-backfill: recording $rules_file over the history"
  prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$tsdb_dir" \
    --storage.tsdb.retention.time=3650d --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
  prometheus_pid=$!
  ready=""
  for _ in $(seq 1 300); do
    if answers "http://127.0.0.1:$port/-/ready"; then
      ready=1
      break
    fi
    kill -0 "$prometheus_pid" 2>/dev/null || break
    sleep 0.2
  done
  if [ -z "$ready" ]; then
    kill "$prometheus_pid" 2>/dev/null || true
    tail -n 20 "$work/prometheus.log" >&2
    echo "prometheus-backfill: the Prometheus for the rules backfill did not start" >&2
    exit 1
  fi
  rm -rf "$work/blocks"
  if ! promtool tsdb create-blocks-from rules --start=$((end - days * 86400)) --end="$end" \
    --url="http://127.0.0.1:$port" --output-dir="$work/blocks" --eval-interval=60s \
    "$rules_file" >"$work/promtool.log" 2>&1; then
    kill "$prometheus_pid" 2>/dev/null || true
    tail -n 20 "$work/promtool.log" >&2
    echo "prometheus-backfill: promtool could not backfill the rules" >&2
    exit 1
  fi
  kill "$prometheus_pid"
  wait "$prometheus_pid" 2>/dev/null || true
  mv "$work"/blocks/* "$tsdb_dir/"
}

record_pass "$history_dir/rules-base.yml"
record_pass "$history_dir/rules-sums.yml"
rm -rf "$work"
cp "$history_dir/history.id" "$tsdb_dir/northstar-history.id"
