import React from 'react';
import { render, screen } from '@testing-library/react';
import { MissingFeaturesNote } from './MissingFeaturesNote';
import { testIds } from './testIds';

describe('MissingFeaturesNote', () => {
  test('a SQL KPI: one muted line naming what it lacks', () => {
    render(<MissingFeaturesNote datasourceType="grafana-postgresql-datasource" />);
    expect(screen.getByTestId(testIds.missingFeatures)).toHaveTextContent(
      'Over SQL (grafana-postgresql-datasource) this KPI has no recorded rules (northstar rules --format prometheus), histogram heatmap or per-label breakdown (groupBy).'
    );
  });

  test('an unknown type says it is read as range frames only; a type name with markup stays text', () => {
    render(<MissingFeaturesNote datasourceType="<b>influx</b>" />);
    const note = screen.getByTestId(testIds.missingFeatures);
    expect(note).toHaveTextContent(/^<b>influx<\/b> is read as range frames only: this KPI has no /);
    expect(note.querySelector('b')).toBeNull();
  });

  test('Prometheus and a KPI without a data source show nothing', () => {
    const { container } = render(
      <>
        <MissingFeaturesNote datasourceType="prometheus" />
        <MissingFeaturesNote datasourceType={undefined} />
      </>
    );
    expect(container).toBeEmptyDOMElement();
  });
});
