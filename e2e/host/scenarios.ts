/**
 * Panel scenarios: what the host's panel page (`/host/panel?scenario=<name>`) renders. A scenario is a panel as a
 * dashboard stores it: queries, time range, options. Add one here for a new case, or POST one to
 * `/host/scenarios` from a test. The queries and KPI ids are the example catalog's (examples/catalog.yaml, which the
 * host seeds the app settings with when started with --catalog), so the demo history and the e2e Prometheus answer.
 */
import type { FieldConfigSource } from '@grafana/data';
import type { KpiPanelOptions } from '../../src/reading';
import type { TemplateVariable } from '../../src/testing/templateVariables';

/** A dashboard variable of a scenario: its value, and whether it takes several values or All (`$__all`). */
export type ScenarioVariable = Omit<TemplateVariable, 'name'>;

/**
 * ScenarioQuery knows one query of a panel, with the fields a panel target has on its data source: PromQL (`expr`,
 * the host's Prometheus unless `datasourceUid` says) or SQL (`rawSql` and `format`, on the host's PostgreSQL).
 */
export interface ScenarioQuery {
  refId: string;
  /** PromQL, with Grafana's macros ($__rate_interval, $__interval, $__range) left for the host to expand. */
  expr?: string;
  /** SQL with Grafana's macros ($__timeGroupAlias, $__timeFilter), for a SQL data source's target. */
  rawSql?: string;
  format?: 'time_series' | 'table';
  /** Data source uid; the host's Prometheus ("prometheus") when omitted. */
  datasourceUid?: string;
  /** An instant query at the end of the range instead of a range query. */
  instant?: boolean;
  legendFormat?: string;
  /** Minimum step ("Min step" in the query options), e.g. "1m". */
  interval?: string;
}

/** PanelScenario knows everything the panel page needs to render the KPI panel the way a dashboard would. */
export interface PanelScenario {
  /** Slug used in the URL. */
  name: string;
  description: string;
  /** Panel title shown in the panel header. */
  title: string;
  /** Grafana time range: relative ("now-6h", "now") or epoch milliseconds as text. */
  timeRange: { from: string; to: string };
  queries: ScenarioQuery[];
  /** Panel options; the panel's own defaults fill what is left out, as Grafana does. */
  options: Partial<KpiPanelOptions>;
  fieldConfig?: FieldConfigSource;
  /** Most points per series; the panel's width in pixels when omitted, as in Grafana. */
  maxDataPoints?: number;
  /**
   * The panel's Query options → Min interval ("1h"): the lower limit of the request's interval, the data source's
   * scrape interval when omitted, as in Grafana's PanelQueryRunner.
   */
  interval?: string;
  /**
   * Dashboard variables (`kpi` → `checkout-availability`), for queries and panel options: a text is the value of a
   * variable that takes one value and has no All; a multi-value variable says so (`route` in the on-call view).
   */
  variables?: Record<string, string | ScenarioVariable>;
}

const checkoutGood = 'sum(rate(http_requests_total{job="checkout",code!~"5.."}[$__rate_interval]))';
const checkoutTotal = 'sum(rate(http_requests_total{job="checkout"}[$__rate_interval]))';

export const SCENARIOS: readonly PanelScenario[] = [
  {
    name: 'checkout-availability',
    description: 'Good and total checkout requests over the last 6 hours (a ratio KPI)',
    title: 'Checkout availability',
    timeRange: { from: 'now-6h', to: 'now' },
    queries: [
      { refId: 'good', expr: checkoutGood },
      { refId: 'total', expr: checkoutTotal },
    ],
    options: {
      view: 'stat',
      source: 'catalog',
      kpiId: 'checkout-availability',
      goodRefId: 'good',
      totalRefId: 'total',
    },
  },
  {
    name: 'checkout-burn-rates',
    description: 'The same checkout queries over 2 days, as the burn-rate table',
    title: 'Checkout burn rates',
    timeRange: { from: 'now-2d', to: 'now' },
    queries: [
      { refId: 'good', expr: checkoutGood },
      { refId: 'total', expr: checkoutTotal },
    ],
    options: {
      view: 'burn-rate-table',
      source: 'catalog',
      kpiId: 'checkout-availability',
      goodRefId: 'good',
      totalRefId: 'total',
    },
  },
  {
    name: 'search-latency',
    description: 'p95 search latency over the last 6 hours (a threshold KPI)',
    title: 'Search p95 latency',
    timeRange: { from: 'now-6h', to: 'now' },
    queries: [
      {
        refId: 'value',
        expr: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="search"}[$__rate_interval])))',
      },
    ],
    options: { view: 'stat', source: 'catalog', kpiId: 'search-latency', valueRefId: 'value' },
  },
  {
    name: 'no-data',
    description: 'Queries that match no series: the panel must say so rather than show a number',
    title: 'KPI without data',
    timeRange: { from: 'now-6h', to: 'now' },
    queries: [
      { refId: 'good', expr: 'sum(rate(northstar_no_such_metric_total{code!~"5.."}[$__rate_interval]))' },
      { refId: 'total', expr: 'sum(rate(northstar_no_such_metric_total[$__rate_interval]))' },
    ],
    options: { view: 'stat', source: 'manual', indicatorType: 'ratio', goodRefId: 'good', totalRefId: 'total' },
  },
];

/** A scenario's variables as its dashboard's template variables. */
export function scenarioVariables(scenario: Pick<PanelScenario, 'variables'>): TemplateVariable[] {
  return Object.entries(scenario.variables ?? {}).map(([name, variable]) =>
    typeof variable === 'string' ? { name, value: variable } : { ...variable, name }
  );
}
