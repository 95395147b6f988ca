import { DATA_SOURCE_FEATURES, missingFeaturesNote, missingFeaturesOf } from './dataSourceFeatures';
import { SQL_DATASOURCE_TYPES } from './query';

describe('what a KPI lacks per data source type', () => {
  test('Prometheus lacks nothing, and says nothing', () => {
    expect(missingFeaturesOf('prometheus')).toEqual([]);
    expect(missingFeaturesNote('prometheus')).toBeUndefined();
    expect(missingFeaturesNote(undefined)).toBeUndefined();
  });

  test.each(SQL_DATASOURCE_TYPES)('%s: no recorded rules, histogram heatmap or per-label breakdown', (type) => {
    expect(missingFeaturesOf(type)).toEqual(['recordedRules', 'histogramHeatmap', 'perLabelBreakdown']);
    expect(missingFeaturesNote(type)).toBe(
      `Over SQL (${type}) this KPI has no recorded rules (northstar rules --format prometheus), histogram heatmap ` +
        'or per-label breakdown (groupBy).'
    );
  });

  test('a type Northstar does not know is read as range frames only, and lacks the SQL rules and dashboards too', () => {
    expect(missingFeaturesOf('influxdb')).toEqual([
      'recordedRules',
      'histogramHeatmap',
      'perLabelBreakdown',
      'grafanaAlertRules',
      'dashboards',
    ]);
    expect(missingFeaturesNote('influxdb')).toBe(
      'influxdb is read as range frames only: this KPI has no recorded rules (northstar rules --format prometheus), ' +
        'histogram heatmap, per-label breakdown (groupBy), Grafana-managed alert rules or generated dashboards.'
    );
  });

  test('every feature SQL lacks, an unknown type lacks too: it is never read with more than SQL', () => {
    const sql = new Set(missingFeaturesOf('mysql'));
    expect([...sql].every((feature) => missingFeaturesOf('influxdb').includes(feature))).toBe(true);
    expect(Object.keys(DATA_SOURCE_FEATURES)).toEqual(expect.arrayContaining(missingFeaturesOf('influxdb')));
  });
});
