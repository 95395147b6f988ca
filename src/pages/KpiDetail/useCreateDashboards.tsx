import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, ConfirmModal, Stack, useStyles2 } from '@grafana/ui';
import type { DashboardKind } from '../../dashboards/uid';
import {
  createKpiDashboards,
  findLokiDataSource,
  type ConflictResolution,
  type DashboardResult,
} from '../../data/dashboardsApi';
import { type CatalogKpi, isValueKpi } from '../../kpi/model';
import { testIds } from '../../components/testIds';

interface Props {
  kpi: CatalogKpi;
  /** The catalog's KPIs: a composite's members, and the on-call view of every KPI that on-call dashboards link to. */
  catalogKpis: readonly CatalogKpi[];
}

type State =
  | { step: 'idle' }
  | { step: 'saving' }
  | { step: 'done'; results: DashboardResult[] }
  | { step: 'failed'; message: string };

const OUTCOME_TEXT: Record<DashboardResult['outcome'], string> = {
  created: 'created',
  updated: 'updated',
  unchanged: 'already up to date',
  conflict: 'edited in Grafana, left as it is',
};

const KIND_TEXT: Record<DashboardKind, string> = { executive: 'Executive', oncall: 'On-call', debug: 'Debug' };

/** A create action's parts: its button, for a row of actions, and what it says below that row. */
export interface CreateAction {
  button: React.ReactNode;
  details: React.ReactNode;
}

/**
 * Creates or updates the KPI's executive, on-call and debug dashboards (a composite's on-call and debug, a value
 * KPI's executive view only, which it says) and the on-call view of every KPI, and shows what happened to each.
 * The button and what it says come apart, so that a page lines up its action buttons and puts their words below
 * (CreateActions). Only for a user who may save dashboards: the page shows no create actions to anyone else.
 */
export function useCreateDashboards({ kpi, catalogKpis }: Props): CreateAction {
  const s = useStyles2(getStyles);
  const [state, setState] = useState<State>({ step: 'idle' });
  const [confirmOverwrite, setConfirmOverwrite] = useState(false);

  const run = async (resolve?: ConflictResolution, conflicts: DashboardResult[] = []) => {
    setState({ step: 'saving' });
    const onConflict = Object.fromEntries(conflicts.map((result) => [result.uid, resolve]));
    try {
      const results = await createKpiDashboards(kpi, { loki: findLokiDataSource(), onConflict, catalogKpis });
      setState({ step: 'done', results });
    } catch (error) {
      setState({ step: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const results = state.step === 'done' ? state.results : [];
  const conflicts = results.filter((result) => result.outcome === 'conflict');
  const button = (
    <Button
      icon={state.step === 'saving' ? 'spinner' : 'apps'}
      variant="secondary"
      disabled={state.step === 'saving'}
      onClick={() => run()}
      data-testid={testIds.createDashboards.button}
    >
      {state.step === 'saving' ? 'Creating dashboards…' : 'Create dashboards'}
    </Button>
  );
  const details = (
    <>
      {isValueKpi(kpi) && (
        <span className={s.note} data-testid={testIds.createDashboards.valueNote}>
          A value KPI gets its executive view; the on-call and debug dashboards show error budgets, which only SLOs
          have.
        </span>
      )}
      {state.step === 'failed' && (
        <Alert severity="error" title="The dashboards could not be created">
          {state.message}
        </Alert>
      )}
      {results.length > 0 && (
        <ul className={s.results} data-testid={testIds.createDashboards.results}>
          {results.map((result) => (
            <li key={result.uid} data-outcome={result.outcome}>
              {KIND_TEXT[result.kind]}:{' '}
              {/* A plain link: Grafana's shell routes in-app links itself; URLs come from Grafana, titles are text. */}
              <a className={s.link} href={result.url}>
                {result.title}
              </a>{' '}
              ({OUTCOME_TEXT[result.outcome]})
            </li>
          ))}
        </ul>
      )}
      {conflicts.length > 0 && (
        <Alert severity="warning" title="Some dashboards were changed in Grafana">
          {conflicts.map((conflict) => (
            <p key={conflict.uid}>{conflict.message}</p>
          ))}
          <Stack gap={1}>
            <Button variant="secondary" size="sm" onClick={() => run('copy', conflicts)}>
              Save as copy
            </Button>
            <Button variant="destructive" size="sm" onClick={() => setConfirmOverwrite(true)}>
              Overwrite
            </Button>
          </Stack>
        </Alert>
      )}
      <ConfirmModal
        isOpen={confirmOverwrite}
        title="Overwrite edited dashboards?"
        body={`The changes made in Grafana to ${conflicts.map((c) => `"${c.title}"`).join(', ')} will be lost.`}
        confirmText="Overwrite"
        onConfirm={() => {
          setConfirmOverwrite(false);
          run('overwrite', conflicts);
        }}
        onDismiss={() => setConfirmOverwrite(false)}
      />
    </>
  );
  return { button, details };
}

const getStyles = (theme: GrafanaTheme2) => ({
  results: css({ margin: 0, paddingLeft: theme.spacing(2) }),
  link: css({ color: theme.colors.text.link, '&:hover': { textDecoration: 'underline' } }),
  note: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
