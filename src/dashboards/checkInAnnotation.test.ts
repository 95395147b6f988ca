import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnnotationQuery } from '@grafana/schema';
import { parseCatalog } from '../cli/catalogFile';
import type { CatalogKpi } from '../kpi/model';
import { catalogDashboards, type DashboardFile } from './generate';

const EXAMPLE = join(__dirname, '../../examples/catalog.yaml');

function exampleCatalog(): CatalogKpi[] {
  const loaded = parseCatalog(EXAMPLE, readFileSync(EXAMPLE, 'utf8'));
  if (!loaded.ok) {
    throw new Error(loaded.problems.join('\n'));
  }
  return loaded.value.kpis;
}

const annotationsOf = (file: DashboardFile): AnnotationQuery[] => file.dashboard.annotations?.list ?? [];
const checkInsOf = (file: DashboardFile) => annotationsOf(file).filter((annotation) => annotation.name === 'Check-ins');

describe('check-ins on the generated dashboards', () => {
  const files = catalogDashboards(exampleCatalog());

  test('the example catalog gives every kind of dashboard, PromQL and SQL, KPI and catalog-wide', () => {
    expect(new Set(files.map((file) => file.kind))).toEqual(new Set(['executive', 'oncall', 'debug']));
    expect(files.some((file) => file.kpiId === undefined)).toBe(true);
  });

  test.each(files.map((file) => [file.file, file]))(
    '%s keeps Grafana’s built-in annotations first, then asks for check-ins',
    (_name, file) => {
      const [builtIn, checkIns] = annotationsOf(file);
      expect(builtIn).toMatchObject({ builtIn: 1, name: 'Annotations & Alerts', type: 'dashboard' });
      expect(checkIns.name).toBe('Check-ins');
      expect(checkInsOf(file)).toHaveLength(1);
    }
  );

  test.each(files.filter((file) => file.kpiId !== undefined).map((file) => [file.file, file]))(
    '%s shows the notes of its own KPI only: both tags, all of them required',
    (_name, file) => {
      expect(checkInsOf(file)[0]).toEqual({
        name: 'Check-ins',
        datasource: { type: 'grafana', uid: '-- Grafana --' },
        enable: true,
        hide: false,
        iconColor: 'purple',
        target: {
          refId: 'Check-ins',
          type: 'tags',
          tags: ['northstar-check-in', `kpi:${file.kpiId}`],
          matchAny: false,
          limit: 100,
        },
      });
    }
  );

  test('the executive overview shows every KPI’s notes; the catalog on-call view those of the KPI it is showing', () => {
    const byFile = (name: string) => files.find((file) => file.file === name)!;
    expect(checkInsOf(byFile('executive.json'))[0].target).toMatchObject({
      tags: ['northstar-check-in'],
      matchAny: false,
    });
    expect(checkInsOf(byFile('oncall.json'))[0].target).toMatchObject({
      tags: ['northstar-check-in', 'kpi:${kpi}'],
      matchAny: false,
    });
  });
});
