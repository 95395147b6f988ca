import React, { useEffect, useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { locationService, PluginPage } from '@grafana/runtime';
import {
  Alert,
  Badge,
  Button,
  EmptyState,
  Field,
  Input,
  RadioButtonGroup,
  Stack,
  Text,
  TextLink,
  useStyles2,
} from '@grafana/ui';
import { decimalsForTarget, formatPercent, formatSli } from '../../components/format';
import { testIds } from '../../components/testIds';
import { isValueKpi, type CatalogKpi } from '../../kpi/model';
import { isTimeZone, runtimeTimeZone } from '../../kpi/time';
import type { CheckIn } from '../../kpi/catalog';
import { useCheckIns } from '../common/useCheckIns';
import { periodCheckIns, ReportCheckIns } from './ReportCheckIns';
import { REPORT_PERIODS, reportCsv, reportPeriod, type ReportPeriodChoice, type ReportRow } from '../../kpi/evaluate';
import { fetchReport, reportableKpis } from '../../data/reportQuery';
import { kpiDetailUrl, prefixRoute } from '../../utils/utils.routing';
import { downloadText } from '../../utils/browserFiles';
import { CatalogLoadStatus } from '../../components/catalog/CatalogLoadStatus';
import { useCatalog } from '../../components/catalog/useCatalog';
import { ValueReportCells } from './ValueReportCells';
import { failedRowText } from './failedRowText';

const PERIOD_OPTIONS = REPORT_PERIODS.map((choice) => ({
  value: choice,
  label: choice.replace('-', ' ').replace(/^./, (c) => c.toUpperCase()),
}));
const DEFAULT_PERIOD: ReportPeriodChoice = 'last-month';
const MISSING = '—';

/** The KPI report: each published KPI's attainment over a calendar period, for the monthly review; CSV and print. */
function Report() {
  const { load } = useCatalog();
  return (
    <PluginPage subTitle="Each KPI against its target over a calendar period, with its owner and the change since the period before">
      <div data-testid={testIds.report.container}>
        {load.status === 'loaded' ? (
          <ReportView kpis={reportableKpis(load.catalog.catalog.kpis)} catalog={load.catalog.catalog.kpis} />
        ) : (
          <CatalogLoadStatus load={load} />
        )}
      </div>
    </PluginPage>
  );
}

/** `catalog`: the whole catalog, where composites find their members. */
function ReportView({ kpis, catalog }: { kpis: readonly CatalogKpi[]; catalog: readonly CatalogKpi[] }) {
  const s = useStyles2(getStyles);
  const search = new URLSearchParams(locationService.getLocation().search);
  const [choice, setChoice] = useState<ReportPeriodChoice>(() => {
    const fromUrl = search.get('period') as ReportPeriodChoice | null;
    return fromUrl && REPORT_PERIODS.includes(fromUrl) ? fromUrl : DEFAULT_PERIOD;
  });
  const [timeZoneText, setTimeZoneText] = useState(() => search.get('tz') ?? runtimeTimeZone());
  const timeZone = isTimeZone(timeZoneText) ? timeZoneText : undefined;
  // "Now" is when the page opened: a re-render must not move the period and ask again.
  const [openedAtMs] = useState(() => Date.now());
  const period = useMemo(
    () => (timeZone ? reportPeriod(choice, timeZone, openedAtMs) : undefined),
    [choice, timeZone, openedAtMs]
  );
  const rows = useReportRows(kpis, catalog, period);
  const checkIns = useCheckIns();
  const notes = useMemo(
    () =>
      period && checkIns.load.status === 'loaded'
        ? periodCheckIns(
            checkIns.load.checkIns,
            kpis.map((kpi) => kpi.id),
            period
          )
        : new Map<string, CheckIn[]>(),
    [checkIns.load, kpis, period]
  );

  const choose = (next: ReportPeriodChoice) => {
    setChoice(next);
    locationService.partial({ period: next === DEFAULT_PERIOD ? null : next }, true);
  };
  const changeZone = (text: string) => {
    setTimeZoneText(text);
    locationService.partial({ tz: text === runtimeTimeZone() ? null : text }, true);
  };

  if (kpis.length === 0) {
    return (
      <EmptyState variant="call-to-action" message="No published KPIs to report on">
        Publish a KPI in the <TextLink href={prefixRoute('catalog')}>catalog</TextLink>, and it appears here with its
        attainment for the period.
      </EmptyState>
    );
  }
  return (
    <Stack direction="column" gap={2}>
      <Stack direction="row" gap={2} alignItems="flex-end" wrap="wrap" justifyContent="space-between">
        <Stack direction="row" gap={2} alignItems="flex-end" wrap="wrap">
          <Field label="Period" className={s.field}>
            <RadioButtonGroup options={PERIOD_OPTIONS} value={choice} onChange={choose} />
          </Field>
          <Field
            label="Time zone"
            className={s.field}
            invalid={!timeZone}
            error={timeZone ? undefined : 'Not an IANA time zone; e.g. Europe/Berlin or UTC'}
          >
            <Input
              id="report-time-zone"
              value={timeZoneText}
              onChange={(e) => changeZone(e.currentTarget.value)}
              width={24}
            />
          </Field>
        </Stack>
        <Stack direction="row" gap={1}>
          <Button
            variant="secondary"
            icon="download-alt"
            disabled={!period || rows.status !== 'done'}
            onClick={() =>
              period &&
              rows.status === 'done' &&
              downloadText(`northstar-report-${period.choice}.csv`, reportCsv(period, rows.rows, notes), 'text/csv')
            }
            data-testid={testIds.report.downloadCsv}
          >
            Download CSV
          </Button>
          <Button variant="secondary" icon="file-alt" onClick={() => window.print()}>
            Print or save as PDF
          </Button>
        </Stack>
      </Stack>
      {period && (
        <Text color="secondary" data-testid={testIds.report.period}>
          {period.label[0].toUpperCase() + period.label.slice(1)}: {formatInstant(period.startMs, period.timeZone)} to{' '}
          {formatInstant(period.endMs, period.timeZone)} ({period.timeZone}){period.complete ? '' : ', so far'}.
        </Text>
      )}
      {rows.status === 'error' && (
        <Alert severity="error" title="The report could not be read">
          {rows.message}
        </Alert>
      )}
      <ReportTable kpis={kpis} rows={rows.status === 'done' ? rows.rows : undefined} notes={notes} />
    </Stack>
  );
}

type RowsState = { status: 'loading' } | { status: 'done'; rows: ReportRow[] } | { status: 'error'; message: string };

function useReportRows(
  kpis: readonly CatalogKpi[],
  catalog: readonly CatalogKpi[],
  period: ReturnType<typeof reportPeriod> | undefined
): RowsState {
  const [state, setState] = useState<{ period?: typeof period; value: RowsState }>({ value: { status: 'loading' } });
  useEffect(() => {
    if (!period) {
      return;
    }
    let current = true;
    fetchReport(kpis, period, catalog).then(
      (rows) => current && setState({ period, value: { status: 'done', rows } }),
      (error: unknown) => current && setState({ period, value: { status: 'error', message: String(error) } })
    );
    return () => {
      current = false;
    };
  }, [kpis, catalog, period]);
  return state.period === period ? state.value : { status: 'loading' };
}

function ReportTable({
  kpis,
  rows,
  notes,
}: {
  kpis: readonly CatalogKpi[];
  rows?: ReportRow[];
  notes: ReadonlyMap<string, CheckIn[]>;
}) {
  const s = useStyles2(getStyles);
  const byId = new Map(rows?.map((row) => [row.kpi.id, row]));
  return (
    <table className={s.table} data-testid={testIds.report.table}>
      <thead>
        <tr>
          <th scope="col">KPI</th>
          <th scope="col">Owner</th>
          <th scope="col" className={s.number}>
            Target
          </th>
          <th scope="col" className={s.number}>
            Attainment
          </th>
          <th scope="col">Met</th>
          <th scope="col" className={s.number}>
            Budget spent
          </th>
          <th scope="col" className={s.number}>
            Change
          </th>
          <th scope="col">Check-ins</th>
        </tr>
      </thead>
      <tbody>
        {kpis.map((kpi) => (
          <ReportTableRow key={kpi.id} kpi={kpi} row={byId.get(kpi.id)} notes={notes.get(kpi.id)} />
        ))}
      </tbody>
    </table>
  );
}

function ReportTableRow({ kpi, row, notes }: { kpi: CatalogKpi; row?: ReportRow; notes?: CheckIn[] }) {
  const s = useStyles2(getStyles);
  return (
    <tr
      data-testid={testIds.report.row}
      data-kpi-id={kpi.id}
      data-kind={isValueKpi(kpi) ? 'value' : 'slo'}
      data-state={row?.state ?? 'loading'}
    >
      <td>
        <TextLink href={kpiDetailUrl(kpi.id)} inline={false}>
          {kpi.name}
        </TextLink>
      </td>
      <td>{kpi.owner}</td>
      {isValueKpi(kpi) ? (
        <ValueReportCells kpi={kpi} row={row} numberClass={s.number} />
      ) : (
        <SloReportCells kpi={kpi} row={row} />
      )}
      <td>
        <ReportCheckIns notes={notes} />
      </td>
    </tr>
  );
}

/** An SLO's cells: target and SLI in percent, met or missed, the budget the period spent and the change in points. */
function SloReportCells({ kpi, row }: { kpi: CatalogKpi; row?: ReportRow }) {
  const s = useStyles2(getStyles);
  const decimals = decimalsForTarget(kpi.objective.target);
  return (
    <>
      <td className={s.number}>{formatPercent(kpi.objective.target, decimals - 1)}</td>
      <td className={s.number}>
        {row ? attainmentText(row, decimals) : <span className={s.secondary}>Loading…</span>}
      </td>
      <td>
        {row?.met === true ? (
          <Badge color="green" text="Met" />
        ) : row?.met === false ? (
          <Badge color="red" text="Missed" />
        ) : (
          MISSING
        )}
      </td>
      <td className={s.number}>{row?.budgetSpent == null ? MISSING : formatPercent(row.budgetSpent, 0)}</td>
      <td className={s.number}>{row?.change == null ? MISSING : changeText(row.change, decimals)}</td>
    </>
  );
}

function attainmentText(row: ReportRow, decimals: number): string {
  switch (row.state) {
    case 'ok':
      return formatSli(row.sli, decimals);
    case 'no-traffic':
      return 'No traffic';
    case 'no-data':
      return 'No data';
    case 'error':
      return failedRowText(row.error);
  }
}

/** +0.15 pp: a change of SLI in percentage points, signed, to the SLI's own decimals. */
function changeText(change: number, decimals: number): string {
  const points = (change * 100).toFixed(decimals);
  return `${change >= 0 ? '+' : ''}${points} pp`;
}

function formatInstant(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

const getStyles = (theme: GrafanaTheme2) => ({
  field: css({ marginBottom: 0 }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': { padding: theme.spacing(1), borderBottom: `1px solid ${theme.colors.border.weak}`, textAlign: 'left' },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
  number: css({ fontVariantNumeric: 'tabular-nums', textAlign: 'right !important' as 'right' }),
  secondary: css({ color: theme.colors.text.secondary }),
});

export default Report;
