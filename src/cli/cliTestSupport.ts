/** What the CLI's tests share: the repository's example and golden paths, an in-process run, temp files. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from './main';

export const ROOT = join(__dirname, '../..');
export const VALIDATE = join(ROOT, 'testdata/validate');
export const GOLDEN = join(ROOT, 'testdata/golden');
export const EXAMPLE = join(ROOT, 'examples/catalog.yaml');
export const EXAMPLE_HISTORY = join(ROOT, 'examples/catalog.history.yaml');
export const SLOTH_EXAMPLE = join(ROOT, 'examples/sloth/checkout.yaml');
export const OPENSLO_EXAMPLE = join(ROOT, 'examples/openslo/checkout.yaml');

/**
 * A catalog file as parsed YAML with its Prometheus SLOs only: what OpenSLO and Sloth, which hold SLOs over
 * PromQL, give back (value KPIs and KPIs over SQL are left out with a note).
 */
export function sloCatalog(file: string): { kpis: CatalogEntry[] } {
  const catalog = parse(readFileSync(file, 'utf8'));
  return {
    ...catalog,
    kpis: catalog.kpis.filter(
      (kpi: CatalogEntry) => kpi.indicator.type !== 'value' && kpi.datasource.type === 'prometheus'
    ),
  };
}

interface CatalogEntry {
  datasource: { type: string };
  indicator: { type: string };
}

export async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'northstar', ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

export function tempFile(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'northstar-cli-')), name);
  writeFileSync(file, content);
  return file;
}

export const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at \S+ \(/);

export const BERLIN_CATALOG = [
  'apiVersion: northstar.dev/v1',
  'kind: KpiCatalog',
  'kpis:',
  '  - id: checkout',
  '    version: 1',
  '    status: published',
  '    name: Checkout',
  '    owner: team-payments',
  '    datasource: { type: prometheus, uid: prometheus }',
  '    indicator:',
  '      type: ratio',
  '      good: sum(rate(http_requests_total{code!~"5.."}[$__rate_interval]))',
  '      total: sum(rate(http_requests_total[$__rate_interval]))',
  '    objective: { target: 0.999, window: 30d }',
  '    maintenance:',
  '      - { start: "2026-11-28T02:00:00Z", end: "2026-11-28T04:00:00Z", reason: upgrade }',
  '      - { cron: "0 2 * * 0", duration: 2h, timeZone: Europe/Berlin, reason: weekly }',
  '',
].join('\n');
