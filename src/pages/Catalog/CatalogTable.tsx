import React from 'react';
import { css, cx } from '@emotion/css';
import { locationUtil, type GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import { BudgetBar } from '../../components/BudgetBar';
import { Hint, HintLayer } from '../../components/Hint';
import { explainBudget, explainContextOfKpi, explainSli } from '../../components/explain';
import { decimalsForTarget, formatPercent, formatSli, MISSING } from '../../components/format';
import { describeWorstInstances } from './worstInstances';
import {
  groupByOf,
  isCompositeKpi,
  isValueKpi,
  type KpiDefinition,
  type CompositeKpiDefinition,
} from '../../kpi/model';
import { testIds } from '../../components/testIds';
import { SvgSparkline } from '../../components/SvgSparkline';
import { kpiDetailUrl } from '../../utils/utils.routing';
import { memoPerObject } from '../../utils/memoPerObject';
import type { CatalogRow, SortKey } from './catalogView';
import { ReviewOverdueFlag } from './ReviewOverdueFlag';
import { RowChips } from './RowChips';
import { ValueRowCells } from './ValueRowCells';
import { RowStatus } from '../common/RowStatus';
import { useRowWindow } from './useRowWindow';

/**
 * Below this many rows every row is in the DOM; above it only those in view (plus a few) are, so a filter that
 * shrinks 1,000 rows to 100 does not mount 100 sparklines in one keystroke.
 */
export const VIRTUALIZE_ABOVE = 50;
const ROW_HEIGHT = 56;
/** Rows drawn beyond the viewport on each side, so a short scroll shows rows already there; each costs the first screen. */
const OVERSCAN_ROWS = 4;
/** The scroll area's height before it is measured: its `maxHeight` (70vh) of a common laptop screen. */
const INITIAL_VIEWPORT_PX = 630;
const TREND_WIDTH = 110;
const TREND_HEIGHT = 28;
/** The catalog colours budgets as the panel does by default. */
const BUDGET_WARNING_PERCENT = 25;
const BUDGET_CRITICAL_PERCENT = 0;

interface Column {
  label: string;
  sort?: SortKey;
  /** CSS grid track. */
  width: string;
}

const COLUMNS: readonly Column[] = [
  { label: 'KPI', sort: 'name', width: 'minmax(220px, 2.2fr)' },
  { label: 'Owner', sort: 'owner', width: 'minmax(110px, 1fr)' },
  { label: 'Audience', width: 'minmax(100px, 1fr)' },
  { label: 'Tags', width: 'minmax(100px, 1fr)' },
  { label: 'Status', sort: 'status', width: '150px' },
  { label: 'SLI or value vs target', sort: 'sli', width: '170px' },
  { label: 'Budget left or change', sort: 'budget', width: '150px' },
  { label: 'Trend', width: `${TREND_WIDTH + 16}px` },
];

interface Props {
  rows: CatalogRow[];
  sort: SortKey;
  descending: boolean;
  onSort: (key: SortKey) => void;
  /** When reviews are judged due, for the overdue flag. */
  nowMs?: number;
}

/**
 * The KPIs as an accessible grid: sortable headers are buttons, each row links to the KPI's page. Memoised: a
 * keystroke in the search box repaints the box before the rows it filters.
 */
export const CatalogTable = React.memo(function CatalogTable({ rows, sort, descending, onSort, nowMs = 0 }: Props) {
  const s = useStyles2(getStyles);
  const virtual = rows.length > VIRTUALIZE_ABOVE;
  const [scrollRef, shown] = useRowWindow<HTMLDivElement>(
    virtual ? rows.length : 0,
    ROW_HEIGHT,
    OVERSCAN_ROWS,
    INITIAL_VIEWPORT_PX
  );

  const header = (
    <div role="row" className={cx(s.grid, s.header)}>
      {COLUMNS.map((column) => (
        <div
          key={column.label}
          role="columnheader"
          aria-sort={column.sort === sort ? (descending ? 'descending' : 'ascending') : undefined}
        >
          {column.sort ? (
            <button type="button" className={s.sortButton} onClick={() => onSort(column.sort!)}>
              {column.label}
              {column.sort === sort && <Icon name={descending ? 'arrow-down' : 'arrow-up'} size="sm" aria-hidden />}
            </button>
          ) : (
            column.label
          )}
        </div>
      ))}
    </div>
  );

  return (
    <HintLayer>
      <div
        role="table"
        aria-label="KPI catalog"
        aria-rowcount={rows.length + 1}
        className={s.table}
        data-testid={testIds.catalog.table}
      >
        {header}
        {virtual ? (
          <div ref={scrollRef} className={s.scroll} role="rowgroup">
            <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
              {rows.slice(shown.first, shown.last + 1).map((row, offset) => (
                <CatalogTableRow
                  key={row.kpi.id}
                  {...rowProps(row)}
                  rowIndex={shown.first + offset}
                  top={(shown.first + offset) * ROW_HEIGHT}
                  nowMs={nowMs}
                />
              ))}
            </div>
          </div>
        ) : (
          <div role="rowgroup">
            {rows.map((row, index) => (
              <CatalogTableRow key={row.kpi.id} {...rowProps(row)} rowIndex={index} nowMs={nowMs} />
            ))}
          </div>
        )}
      </div>
    </HintLayer>
  );
});

/** The KPI page's address under Grafana's sub path, written once per KPI: rows mount on every filtering key. */
const detailHref = memoPerObject((kpi: CatalogRow['kpi']) => locationUtil.assureBaseUrl(kpiDetailUrl(kpi.id)));

/** A row's parts as props of their own: a filtered list makes new row objects, but the parts stay the same. */
const rowProps = ({ kpi, state, result }: CatalogRow) => ({ kpi, state, result });

const CatalogTableRow = React.memo(function CatalogTableRow({
  kpi,
  state,
  result,
  rowIndex,
  top,
  nowMs,
}: CatalogRow & {
  rowIndex: number;
  /** A virtualised row's offset in pixels: a number, not a style object, so an unchanged row skips re-rendering. */
  top?: number;
  nowMs: number;
}) {
  const s = useStyles2(getStyles);
  const style: React.CSSProperties | undefined =
    top === undefined
      ? undefined
      : { position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${top}px)` };
  const row = { kpi, state, result };
  return (
    <div
      role="row"
      aria-rowindex={rowIndex + 2}
      className={cx(s.grid, s.row)}
      style={style}
      data-testid={testIds.catalog.row}
      data-kpi-id={kpi.id}
      data-state={state}
    >
      <IdentityCells kpi={kpi} nowMs={nowMs} />
      <div role="cell">
        <RowStatus row={row} />
      </div>
      {isValueKpi(kpi) ? (
        <ValueRowCells kpi={kpi} reading={result?.value} trendWidth={TREND_WIDTH} trendHeight={TREND_HEIGHT} />
      ) : (
        <SloRowCells kpi={kpi} result={result} />
      )}
    </div>
  );
});

/**
 * A row's name, owner, audience and tags: memoised on the KPI alone, so the answer's arrival re-renders a row's
 * status and numbers, not its links and badges, which were drawn while it was evaluating.
 */
const IdentityCells = React.memo(function IdentityCells({ kpi, nowMs }: { kpi: CatalogRow['kpi']; nowMs: number }) {
  const s = useStyles2(getStyles);
  return (
    <>
      <div role="cell" className={s.nameCell}>
        {/* TextLink's look without its cost (it writes its styles anew on every render): Grafana's link
            interception navigates in the page, as TextLink's router link would. */}
        <a href={detailHref(kpi)} className={s.name}>
          {kpi.name}
        </a>
        <span className={s.secondary}>
          {kpi.id} · v{kpi.version}
          {kpi.status !== 'published' && ` · ${kpi.status}`}
          {isCompositeKpi(kpi) && (
            <span data-testid={testIds.catalog.composite}> · composite of {kpi.indicator.members.length}</span>
          )}{' '}
          <ReviewOverdueFlag kpi={kpi} nowMs={nowMs} />
        </span>
      </div>
      <div role="cell" className={s.ellipsis} title={kpi.owner}>
        {kpi.owner}
      </div>
      <div role="cell" className={s.chips}>
        <RowChips values={kpi.audience} color="blue" label="Audience" />
      </div>
      <div role="cell" className={s.chips}>
        <RowChips values={kpi.tags} color="darkgrey" label="Tags" />
      </div>
    </>
  );
});

/** An SLO's three cells: SLI vs target (with last period and worst instances), budget left, the 7-day trend. */
function SloRowCells({ kpi, result }: { kpi: KpiDefinition | CompositeKpiDefinition; result: CatalogRow['result'] }) {
  const s = useStyles2(getStyles);
  const evaluation = result?.evaluation;
  const context = explainContextOfKpi(kpi);
  return (
    <>
      <div role="cell" className={s.number}>
        {evaluation ? (
          // Built when the tooltip opens, not for every row a keystroke renders.
          <Hint content={() => explainSli(evaluation, context)}>
            <span tabIndex={0}>
              <span className={evaluation.sli !== null && evaluation.sli < kpi.objective.target ? s.missed : ''}>
                {formatSli(evaluation.sli, decimalsForTarget(kpi.objective.target))}
              </span>
              <span className={s.secondary}>
                {' '}
                / {formatPercent(kpi.objective.target, decimalsForTarget(kpi.objective.target) - 1)}
              </span>
            </span>
          </Hint>
        ) : (
          <span className={s.secondary}>
            {MISSING} / {formatPercent(kpi.objective.target, decimalsForTarget(kpi.objective.target) - 1)}
          </span>
        )}
        {result?.previous && (
          <div className={s.secondary} data-testid={testIds.catalog.previousPeriod}>
            {evaluation?.slo.window}, {result.previous.label}{' '}
            {formatSli(result.previous.sli, decimalsForTarget(kpi.objective.target))}
          </div>
        )}
        {result?.instances && (
          <div className={s.secondary} data-testid={testIds.catalog.worstInstances}>
            {describeWorstInstances(result.instances, groupByOf(kpi), decimalsForTarget(kpi.objective.target))}
          </div>
        )}
      </div>
      <div role="cell">
        {evaluation && (
          <BudgetBar
            remaining={evaluation.budgetRemaining}
            warningPercent={BUDGET_WARNING_PERCENT}
            criticalPercent={BUDGET_CRITICAL_PERCENT}
            explanation={() => explainBudget(evaluation, context)}
            compact
          />
        )}
      </div>
      <div role="cell">
        {result?.trend && (
          <SvgSparkline
            grid={result.trend.grid}
            values={result.trend.sli}
            width={TREND_WIDTH}
            height={TREND_HEIGHT}
            color="text"
            label={`SLI per 6 hours over the last 7 days for ${kpi.name}`}
          />
        )}
      </div>
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.primary,
  }),
  grid: css({
    display: 'grid',
    gridTemplateColumns: COLUMNS.map((c) => c.width).join(' '),
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0, 1.5),
  }),
  header: css({
    minHeight: 40,
    borderBottom: `1px solid ${theme.colors.border.medium}`,
    color: theme.colors.text.secondary,
    fontWeight: theme.typography.fontWeightMedium,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  sortButton: css({
    all: 'unset',
    cursor: 'pointer',
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 2 },
  }),
  scroll: css({ maxHeight: '70vh', overflowY: 'auto' }),
  row: css({
    height: ROW_HEIGHT,
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    '&:hover': { background: theme.colors.action.hover },
  }),
  nameCell: css({ display: 'flex', flexDirection: 'column', minWidth: 0, overflow: 'hidden' }),
  // TextLink's (inline={false} weight="medium"): the link colour, underlined on hover.
  name: css({
    ...theme.typography.body,
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.link,
    textDecoration: 'none',
    '&:hover': { textDecoration: 'underline', color: theme.colors.text.link },
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 2 },
  }),
  secondary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  ellipsis: css({ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
  chips: css({
    display: 'flex',
    gap: theme.spacing(0.5),
    overflow: 'hidden',
    flexWrap: 'nowrap',
    whiteSpace: 'nowrap',
  }),
  number: css({ fontVariantNumeric: 'tabular-nums' }),
  missed: css({ color: theme.colors.error.text }),
});
