import React, { useCallback, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { EmptyState, Icon, Text, TextLink, useStyles2 } from '@grafana/ui';
import type { CatalogRowResult } from '../../data/catalogQuery';
import { testIds } from '../../components/testIds';
import type { CatalogKpi } from '../../kpi/model';
import { kpiDetailUrl } from '../../utils/utils.routing';
import { KpiFigure } from '../common/KpiFigure';
import { RowStatus } from '../common/RowStatus';
import { rowState } from './catalogView';
import { kpiForest, treeKeyAction, visibleTreeRows, type TreeRow } from './catalogTreeView';

interface Props {
  kpis: readonly CatalogKpi[];
  /** The list's live results (one request per data source): the tree shows them, it never asks again. */
  results: ReadonlyMap<string, CatalogRowResult>;
}

/**
 * The KPI tree the article draws (business goals above KPIs above SLOs): each goal with its drivers and theirs, as
 * a WAI-ARIA tree the arrow keys walk and open; the KPIs in no tree follow as a list.
 */
export function CatalogTree({ kpis, results }: Props) {
  const s = useStyles2(getStyles);
  const { trees, outside } = useMemo(() => kpiForest(kpis), [kpis]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => visibleTreeRows(trees, collapsed), [trees, collapsed]);
  const [focusedKey, setFocusedKey] = useState<string>();
  const items = useRef(new Map<string, HTMLDivElement>());
  // The one row in the tab order: the focused one while it is visible, the first goal otherwise.
  const tabKey = rows.some((row) => row.key === focusedKey) ? focusedKey : rows[0]?.key;

  const toggle = useCallback((key: string, open: boolean) => {
    setCollapsed((previous) => {
      const next = new Set(previous);
      open ? next.delete(key) : next.add(key);
      return next;
    });
  }, []);
  const onKeyDown = (event: React.KeyboardEvent, row: TreeRow) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      locationService.push(kpiDetailUrl(row.kpi.id));
      return;
    }
    const action = treeKeyAction(rows, row.key, event.key);
    if (!action) {
      return;
    }
    event.preventDefault();
    if ('focus' in action) {
      setFocusedKey(action.focus);
      items.current.get(action.focus)?.focus();
    } else if ('expand' in action) {
      toggle(action.expand, true);
    } else {
      toggle(action.collapse, false);
    }
  };

  if (trees.length === 0) {
    return (
      <div data-testid={testIds.kpiTree.empty}>
        <EmptyState variant="not-found" message="No KPI tree yet">
          <Text element="p">
            A KPI names what drives it with <code>drivenBy</code>: conversion is driven by search latency and checkout
            availability. Once a KPI names its drivers, its tree shows here, with each driver&apos;s live status.
          </Text>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className={s.panel}>
      <div role="tree" aria-label="KPI tree: goals and the KPIs that drive them" data-testid={testIds.kpiTree.tree}>
        {rows.map((row) => (
          <div
            key={row.key}
            ref={(element) => {
              element ? items.current.set(row.key, element) : items.current.delete(row.key);
            }}
            role="treeitem"
            aria-level={row.level}
            aria-expanded={row.hasDrivers ? row.expanded : undefined}
            aria-selected={row.key === tabKey}
            aria-label={row.kpi.name}
            tabIndex={row.key === tabKey ? 0 : -1}
            className={s.row}
            style={{ paddingLeft: `calc(${(row.level - 1) * 24}px + 8px)` }}
            onKeyDown={(event) => onKeyDown(event, row)}
            onFocus={() => setFocusedKey(row.key)}
            data-testid={testIds.kpiTree.node}
            data-kpi-id={row.kpi.id}
            data-level={row.level}
          >
            <TreeNode row={row} result={results.get(row.kpi.id)} onToggle={toggle} />
          </div>
        ))}
      </div>
      {outside.length > 0 && (
        <section aria-label="KPIs outside any tree" className={s.outside} data-testid={testIds.kpiTree.outside}>
          <h4 className={s.outsideTitle}>Outside any tree</h4>
          <ul className={s.list}>
            {outside.map((kpi) => (
              <li key={kpi.id} className={s.row} data-kpi-id={kpi.id}>
                <span aria-hidden />
                <NodeContent kpi={kpi} result={results.get(kpi.id)} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function TreeNode({
  row,
  result,
  onToggle,
}: {
  row: TreeRow;
  result?: CatalogRowResult;
  onToggle: (key: string, open: boolean) => void;
}) {
  const s = useStyles2(getStyles);
  return (
    <>
      {row.hasDrivers ? (
        // The row itself takes the keys; a click on the chevron is the mouse's way.
        <span
          className={s.chevron}
          onClick={() => onToggle(row.key, !row.expanded)}
          data-testid={testIds.kpiTree.toggle}
          aria-hidden
        >
          <Icon name={row.expanded ? 'angle-down' : 'angle-right'} />
        </span>
      ) : (
        <span className={s.chevron} aria-hidden />
      )}
      <NodeContent kpi={row.kpi} result={result} role={row.level === 1 ? 'Goal' : undefined} />
    </>
  );
}

function NodeContent({ kpi, result, role }: { kpi: CatalogKpi; result?: CatalogRowResult; role?: string }) {
  const s = useStyles2(getStyles);
  const state = rowState(kpi, result);
  return (
    <>
      <span className={s.name}>
        <TextLink href={kpiDetailUrl(kpi.id)} inline={false} weight="medium" tabIndex={-1}>
          {kpi.name}
        </TextLink>
        <span className={s.secondary}>
          {role ? `${role} · ` : ''}
          {kpi.owner}
        </span>
      </span>
      <span className={s.status} data-state={state} data-testid={testIds.kpiTree.status}>
        <RowStatus row={{ kpi, state, result }} />
      </span>
      <span className={s.figure}>{kpi.status === 'published' && <KpiFigure kpi={kpi} result={result} />}</span>
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.primary,
  }),
  row: css({
    display: 'grid',
    gridTemplateColumns: '20px minmax(220px, 1fr) 170px 190px',
    alignItems: 'center',
    gap: theme.spacing(1),
    minHeight: 48,
    paddingRight: theme.spacing(1.5),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    '&:hover': { background: theme.colors.action.hover },
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
  }),
  chevron: css({ cursor: 'pointer', display: 'inline-flex', color: theme.colors.text.secondary }),
  name: css({ display: 'flex', flexDirection: 'column', minWidth: 0, overflow: 'hidden' }),
  secondary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  status: css({ display: 'flex' }),
  figure: css({ textAlign: 'right' }),
  outside: css({ paddingTop: theme.spacing(2) }),
  outsideTitle: css({ padding: theme.spacing(0, 1.5), color: theme.colors.text.secondary }),
  list: css({ listStyle: 'none', margin: 0, padding: 0, '& > li': { paddingLeft: theme.spacing(1) } }),
});
