/**
 * Writes the demo history for `promtool tsdb create-blocks-from openmetrics`, and the state the exporter continues
 * from:
 *
 *   npx tsx demo/backfill.ts OUT_DIR [--days 62] [--end UNIX_SECONDS]
 *
 * 62 days hold the month before the current one whole, so a calendar-month KPI compares with a full last month.
 *
 * OUT_DIR gets history.om (OpenMetrics), state.json (final counter totals) and, last, history.id (the end time:
 * its presence says the other two are complete).
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildHistory, type History, type HistorySeries } from './history';
import { SCRAPE_INTERVAL_SECONDS } from './metrics';
import { writeState } from './state';

const MAX_DAYS = 90;
/** Two calendar months at their longest (31 + 31 days). */
const DEFAULT_DAYS = 62;

/** OpenMetrics names a counter family without its `_total` suffix. */
function openMetricsFamilyName(series: HistorySeries): string {
  return series.family.type === 'counter' ? series.family.name.replace(/_total$/, '') : series.family.name;
}

function seriesLines(series: HistorySeries, startSec: number): string {
  const labels = Object.entries(series.labels)
    .map(([label, value]) => `${label}="${value}"`)
    .join(',');
  const prefix = `${series.name}{${labels}} `;
  const lines: string[] = [];
  series.values.forEach((value, step) => {
    lines.push(`${prefix}${Math.round(value * 1000) / 1000} ${startSec + step * SCRAPE_INTERVAL_SECONDS}`);
  });
  return `${lines.join('\n')}\n`;
}

/** Families must not interleave in OpenMetrics: every family's series follow its TYPE line. */
function writeOpenMetrics(file: string, history: History): void {
  const fd = openSync(file, 'w');
  try {
    const families = [...new Set(history.series.map(openMetricsFamilyName))];
    for (const family of families) {
      const members = history.series.filter((series) => openMetricsFamilyName(series) === family);
      writeSync(fd, `# TYPE ${family} ${members[0].family.type}\n`);
      members.forEach((series) => writeSync(fd, seriesLines(series, history.startSec)));
    }
    writeSync(fd, '# EOF\n');
  } finally {
    closeSync(fd);
  }
}

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { days: { type: 'string', default: String(DEFAULT_DAYS) }, end: { type: 'string' } },
  });
  const usage = `usage: backfill.ts OUT_DIR [--days ${DEFAULT_DAYS}] [--end UNIX_SECONDS]`;
  if (positionals.length !== 1) {
    throw new Error(usage);
  }
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw new Error(`--days must be a whole number from 1 to ${MAX_DAYS} (got "${values.days}")\n${usage}`);
  }
  const end = values.end === undefined ? Date.now() / 1000 : Number(values.end);
  if (!Number.isFinite(end) || end <= 0) {
    throw new Error(`--end must be Unix seconds (got "${values.end}")\n${usage}`);
  }
  // Whole minutes, so history and scrapes share one grid.
  const endSec = Math.floor(end / SCRAPE_INTERVAL_SECONDS) * SCRAPE_INTERVAL_SECONDS;
  return { outDir: positionals[0], days, endSec };
}

function main(): void {
  const { outDir, days, endSec } = parseCommandLine(process.argv.slice(2));
  mkdirSync(outDir, { recursive: true });
  const history = buildHistory(endSec, days);
  writeOpenMetrics(join(outDir, 'history.om'), history);
  writeState(join(outDir, 'state.json'), history.state);
  writeFileSync(join(outDir, 'history.id'), `${endSec}\n`);

  const samples = history.series.length * (history.series[0]?.values.length ?? 0);
  console.log(
    `backfill: ${history.series.length} series, ${samples.toLocaleString('en')} samples, ${days} days at ` +
      `${SCRAPE_INTERVAL_SECONDS} s up to ${new Date(endSec * 1000).toISOString()}, in ${outDir}`
  );
  for (const incident of history.model.incidents) {
    console.log(
      `  ${new Date(incident.startSec * 1000).toISOString().slice(0, 16)}Z ${incident.service}: ${incident.description}`
    );
  }
}

try {
  main();
} catch (error) {
  console.error(`backfill: ${(error as Error).message}`);
  process.exit(1);
}
