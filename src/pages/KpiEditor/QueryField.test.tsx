import React, { useEffect, useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { CoreApp, type DataSourceApi, type QueryEditorProps } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { setDataSourceSrv, type DataSourceSrv } from '@grafana/runtime';
import { testIds } from '../../components/testIds';
import { QueryField } from './QueryField';

type FakeQuery = DataQuery & { expr?: string; rawSql?: string; editorMode?: string };

/** What the fake editor was last given, so a test can check the query model and the props Grafana's editors need. */
let lastProps: QueryEditorProps<DataSourceApi, FakeQuery> | undefined;

/** A data source editor as a plugin's: one text box for its query's text, writing back with its own mode field. */
function FakeEditor(props: QueryEditorProps<DataSourceApi, FakeQuery>) {
  useEffect(() => {
    lastProps = props;
  });
  const { query, onChange, onRunQuery } = props;
  const field = query.rawSql !== undefined ? 'rawSql' : 'expr';
  return (
    <>
      <input
        aria-label="fake editor"
        value={query[field] ?? ''}
        onChange={(event) => onChange({ ...query, [field]: event.currentTarget.value, editorMode: 'code' })}
      />
      <button onClick={onRunQuery}>Run queries</button>
    </>
  );
}

const withEditor = (type: string) => ({ type, uid: type, components: { QueryEditor: FakeEditor } });

/** A data source service whose `get` answers from `sources` by uid, and rejects unknown uids as Grafana's does. */
function serveDataSources(sources: Record<string, unknown>) {
  setDataSourceSrv({
    get: async (uid: string) => {
      if (!(uid in sources)) {
        throw new Error(`Datasource ${uid} was not found`);
      }
      return sources[uid];
    },
  } as unknown as DataSourceSrv);
}

/** The row inside a form that keeps its text, as the KPI editor does; `texts` records every change it got. */
function Row({ datasource, initial, onRunQuery }: { datasource: string; initial: string; onRunQuery?: () => void }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <QueryField
        inputId="kpi-good"
        label="Good events per second"
        value={value}
        onChange={(text) => {
          texts.push(text);
          setValue(text);
        }}
        datasource={{ type: datasource === 'postgres' ? 'grafana-postgresql-datasource' : datasource, uid: datasource }}
        onRunQuery={onRunQuery}
      />
      <output data-testid="form-text">{value}</output>
    </>
  );
}
let texts: string[] = [];

beforeEach(() => {
  texts = [];
  lastProps = undefined;
});

describe('a query row', () => {
  test('uses the data source’s own editor, given the PromQL as a Prometheus query with a range and the alerting app', async () => {
    serveDataSources({ prometheus: withEditor('prometheus') });
    render(<Row datasource="prometheus" initial="sum(rate(ok_total[5m]))" />);

    expect(await screen.findByLabelText('fake editor')).toHaveValue('sum(rate(ok_total[5m]))');
    expect(screen.getByTestId(testIds.kpiEditor.queryEditor)).toBeInTheDocument();
    expect(lastProps?.query).toEqual({ refId: 'A', expr: 'sum(rate(ok_total[5m]))' });
    expect(lastProps?.datasource.uid).toBe('prometheus');
    expect(lastProps?.range?.to.valueOf()).toBeGreaterThan(lastProps?.range?.from.valueOf() ?? Infinity);
    expect(lastProps?.app).toBe(CoreApp.UnifiedAlerting);
  });

  test('what the editor writes lands in the form, PromQL as the short string without the editor’s mode', async () => {
    serveDataSources({ prometheus: withEditor('prometheus') });
    render(<Row datasource="prometheus" initial="" />);

    fireEvent.change(await screen.findByLabelText('fake editor'), { target: { value: 'sum(rate(all_total[5m]))' } });

    expect(texts).toEqual(['sum(rate(all_total[5m]))']);
    expect(screen.getByTestId('form-text')).toHaveTextContent('sum(rate(all_total[5m]))');
    // The mode the editor wrote comes back to it, so a switch of mode sticks.
    expect(lastProps?.query).toEqual({ refId: 'A', expr: 'sum(rate(all_total[5m]))', editorMode: 'code' });
  });

  test('a SQL query object goes to the editor as it is stored and comes back as JSON', async () => {
    serveDataSources({ postgres: withEditor('grafana-postgresql-datasource') });
    const stored = JSON.stringify({ rawSql: 'SELECT 1', format: 'time_series' }, null, 2);
    render(<Row datasource="postgres" initial={stored} />);

    fireEvent.change(await screen.findByLabelText('fake editor'), { target: { value: 'SELECT 2' } });

    expect(JSON.parse(texts[0])).toEqual({ rawSql: 'SELECT 2', format: 'time_series', editorMode: 'code' });
  });

  test('the editor’s "Run queries" is the row’s onRunQuery (the editor’s Preview)', async () => {
    serveDataSources({ prometheus: withEditor('prometheus') });
    const onRunQuery = jest.fn();
    render(<Row datasource="prometheus" initial="up" onRunQuery={onRunQuery} />);

    fireEvent.click(await screen.findByRole('button', { name: 'Run queries' }));

    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  test.each([
    [
      'has no query editor',
      { influx: { type: 'influxdb', uid: 'influx', components: {} } },
      'influxdb has no query editor of its own',
    ],
    ['is unknown', {}, 'data source "influx" did not load (Datasource influx was not found)'],
    ['resolves to nothing', { influx: undefined }, 'the data source is unknown'],
  ])('when the data source %s, the text box stays and says why', async (_, sources, reason) => {
    serveDataSources(sources);
    render(<Row datasource="influx" initial="up" />);

    expect(await screen.findByText(new RegExp(`Plain text: ${escapeRegExp(reason)}`))).toBeInTheDocument();
    const textBox = screen.getByLabelText('Good events per second');
    fireEvent.change(textBox, { target: { value: 'up == 1' } });
    expect(texts).toEqual(['up == 1']);
    expect(screen.queryByLabelText('fake editor')).not.toBeInTheDocument();
  });

  test('while the editor loads, the text box is there to type in, and says the editor is coming', async () => {
    let resolve: (ds: unknown) => void = () => undefined;
    setDataSourceSrv({ get: () => new Promise((done) => (resolve = done)) } as unknown as DataSourceSrv);
    render(<Row datasource="prometheus" initial="up" />);

    expect(screen.getByTestId(testIds.kpiEditor.queryFallback)).toHaveTextContent(
      'Loading the data source’s query editor'
    );
    expect(screen.getByLabelText('Good events per second')).toHaveValue('up');

    resolve(withEditor('prometheus'));
    expect(await screen.findByLabelText('fake editor')).toHaveValue('up');
  });

  test('without a data source chosen there is only the text box', () => {
    serveDataSources({});
    render(<Row datasource="" initial="" />);

    expect(screen.getByTestId(testIds.kpiEditor.queryFallback)).toHaveTextContent('no data source is chosen');
  });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
