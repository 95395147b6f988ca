#!/bin/sh
# docker compose's backfill step (prom/prometheus image, busybox sh): imports the demo history written by the
# `history` service into Prometheus' TSDB before Prometheus starts. Compose runs it on every `up`; a TSDB that
# already holds this history (and whatever was scraped on top of it) is kept, so a second `up` never rewrites data
# under a running Prometheus. A new history (after `docker compose down -v`) replaces the TSDB.
set -eu
history_dir=/demo-history
tsdb_dir=/prometheus
history_id=$(cat "$history_dir/history.id")

if [ "$history_id" = "$(cat "$tsdb_dir/northstar-history.id" 2>/dev/null || true)" ]; then
  echo "prometheus-backfill: the TSDB already holds history $history_id; keeping it"
  exit 0
fi
echo "prometheus-backfill: importing history $history_id"
rm -rf "${tsdb_dir:?}"/*
promtool tsdb create-blocks-from openmetrics --max-block-duration=744h "$history_dir/history.om" "$tsdb_dir"
cp "$history_dir/history.id" "$tsdb_dir/northstar-history.id"
