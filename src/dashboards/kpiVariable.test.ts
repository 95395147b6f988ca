/**
 * A viewer picks `$kpi` from a list, but a link can set it to anything (`?var-kpi=…`). The variable must refuse
 * values it does not list, and whatever reaches a query must stay inside the query's string.
 */
import fc from 'fast-check';
import { catalogDashboards, type DashboardFile } from './generate';
import { latencyKpi, perRouteKpi, ratioKpi } from '../testing/dashboardKpis';
import { KPI_VARIABLE } from './variables';

const dashboards = catalogDashboards([ratioKpi(), latencyKpi(), perRouteKpi({ id: 'checkout-per-route' })]);

/** Grafana's `percentencode` format (public/app/features/templating/formatRegistry.ts, encodeURIComponentStrict). */
function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `$kpi` as Grafana fills it in a PromQL query: a format named in the query wins; without one, the Prometheus data
 * source escapes only `\` and `'` in a single value, so a `"` goes through as it is.
 */
function interpolateKpi(expr: string, value: string): string {
  return expr.replace(/\$\{kpi(?::(\w+))?\}|\$kpi\b|\[\[kpi\]\]/g, (_, format?: string) => {
    if (format === 'percentencode') {
      return percentEncode(value);
    }
    if (format === undefined || format === 'raw') {
      return value.replaceAll('\\', '\\\\').replaceAll("'", "\\\\'");
    }
    throw new Error(`the test does not model \${kpi:${format}}`);
  });
}

/** The query with every string literal emptied: what is left is its shape. */
function shapeOf(expr: string): string {
  return expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
}

/** Every PromQL expression of a dashboard (panel targets and annotations) that names `$kpi`. */
function kpiQueries(file: DashboardFile): string[] {
  const found: string[] = [];
  const visit = (node: unknown, key: string) => {
    if (typeof node === 'string') {
      if (key === 'expr' && /\$\{?kpi\b|\[\[kpi\]\]/.test(node)) {
        found.push(node);
      }
    } else if (Array.isArray(node)) {
      node.forEach((item) => visit(item, key));
    } else if (node !== null && typeof node === 'object') {
      Object.entries(node).forEach(([childKey, child]) => visit(child, childKey));
    }
  };
  visit(file.dashboard, '');
  return found;
}

const queries = dashboards.flatMap((file) => kpiQueries(file).map((expr) => [file.file, expr] as const));

test('the catalog on-call dashboard reads recorded series through $kpi, so the checks below have queries to check', () => {
  expect(queries.length).toBeGreaterThanOrEqual(4);
});

test.each(dashboards.map((file) => [file.file, file] as const))(
  '%s: $kpi takes no value it does not list',
  (_, file) => {
    const variable = file.dashboard.templating?.list?.find((candidate) => candidate.name === KPI_VARIABLE);
    expect(variable).toBeDefined();
    expect(variable?.allowCustomValue).toBe(false);
  }
);

describe.each(queries)('%s: a crafted $kpi cannot change the shape of %s', (_, expr) => {
  const shape = shapeOf(interpolateKpi(expr, 'checkout-availability'));

  test.each(['"} or vector(1) or {x="', 'a"}[5m])) or on() vector(1) #', 'x\\', 'x\'"} + 1', 'x`} or `'])(
    '%j',
    (crafted) => {
      expect(shapeOf(interpolateKpi(expr, crafted))).toBe(shape);
    }
  );

  test('any value', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('"', '\\', "'", '`', '}', ')', '#', ' ', 'a', 'é') }),
        (crafted) => shapeOf(interpolateKpi(expr, crafted)) === shape
      )
    );
  });

  test('a slug reaches the query unchanged', () => {
    expect(interpolateKpi(expr, 'checkout-availability-2')).toContain('kpi_id="checkout-availability-2"');
  });
});
