import { useEffect, useState, type ComponentType } from 'react';
import type { DataSourceApi, QueryEditorProps } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { getDataSourceSrv } from '@grafana/runtime';

type AnyQueryEditor = ComponentType<QueryEditorProps<DataSourceApi, DataQuery>>;

/**
 * A data source's own query editor as the KPI editor can show it: still loading, ready, or why the plain text box
 * stays (no data source chosen, unknown, failed to load, or no query editor of its own).
 */
export type DataSourceQueryEditor =
  | { status: 'loading' }
  | { status: 'ready'; datasource: DataSourceApi; QueryEditor: AnyQueryEditor }
  | { status: 'fallback'; reason: string };

/** The query editor of the data source `uid`, as Grafana's alerting and Explore find it: getDataSourceSrv().get. */
export function useDataSourceQueryEditor(uid: string): DataSourceQueryEditor {
  const [editor, setEditor] = useState<{ uid: string; editor: DataSourceQueryEditor }>();

  useEffect(() => {
    if (uid === '') {
      return;
    }
    let current = true;
    // Its successor, getDataSourceInstance, is in @grafana/runtime/unstable: an API that may change under a plugin
    // built against 13.1 and run on 12.4, our minimum. Alerting and Explore still call this.
    /* eslint-disable @typescript-eslint/no-deprecated */
    const loading = getDataSourceSrv().get(uid);
    /* eslint-enable @typescript-eslint/no-deprecated */
    loading
      .then(
        (datasource) => editorOf(datasource),
        (error: unknown) => ({
          status: 'fallback' as const,
          reason: `data source "${uid}" did not load (${error instanceof Error ? error.message : String(error)})`,
        })
      )
      .then((loaded) => current && setEditor({ uid, editor: loaded }));
    return () => {
      current = false;
    };
  }, [uid]);

  if (uid === '') {
    return { status: 'fallback', reason: 'no data source is chosen' };
  }
  // A previous data source's editor never shows under a newly chosen one.
  return editor?.uid === uid ? editor.editor : { status: 'loading' };
}

function editorOf(datasource: DataSourceApi | undefined): DataSourceQueryEditor {
  const QueryEditor = datasource?.components?.QueryEditor as AnyQueryEditor | undefined;
  if (!datasource) {
    return { status: 'fallback', reason: 'the data source is unknown' };
  }
  return QueryEditor
    ? { status: 'ready', datasource, QueryEditor }
    : { status: 'fallback', reason: `${datasource.type} has no query editor of its own` };
}
