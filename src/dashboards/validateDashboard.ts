/**
 * A runtime check of generated dashboards, for what the schema's types cannot say: known panel types, panels
 * inside the 24 columns without overlaps, unique panel ids, and every query with a refId and a data source.
 */
import type { Dashboard, Panel, RowPanel } from '@grafana/schema';
import { GRID_COLUMNS } from './layout';
import { NORTHSTAR_PANEL_TYPE } from './panels';

export const KNOWN_PANEL_TYPES: ReadonlySet<string> = new Set([
  'timeseries',
  'stat',
  'gauge',
  'bargauge',
  'table',
  'heatmap',
  'state-timeline',
  'status-history',
  'alertlist',
  'logs',
  'text',
  'row',
  NORTHSTAR_PANEL_TYPE,
]);

/** One line per problem, naming the panel; empty when the dashboard is sound. */
export function validateDashboard(dashboard: Dashboard): string[] {
  const problems: string[] = [];
  const panels = flattenPanels(dashboard.panels ?? []);
  const ids = new Map<number, string>();
  panels.forEach((panel, index) => {
    const name = `panels[${index}] (${panel.title ?? panel.type})`;
    if (!KNOWN_PANEL_TYPES.has(panel.type)) {
      problems.push(`${name}: unknown panel type "${panel.type}"`);
    }
    if (typeof panel.id !== 'number') {
      problems.push(`${name}: no id`);
    } else if (ids.has(panel.id)) {
      problems.push(`${name}: id ${panel.id} is also the id of ${ids.get(panel.id)}`);
    } else {
      ids.set(panel.id, name);
    }
    problems.push(...gridProblems(panel, name));
    if (panel.type !== 'row') {
      problems.push(...targetProblems(panel as Panel, name));
    }
  });
  problems.push(...overlapProblems(panels));
  return problems;
}

function flattenPanels(panels: ReadonlyArray<Panel | RowPanel>): Array<Panel | RowPanel> {
  return panels.flatMap((panel) => (panel.type === 'row' ? [panel, ...((panel as RowPanel).panels ?? [])] : [panel]));
}

function gridProblems(panel: Panel | RowPanel, name: string): string[] {
  const pos = panel.gridPos;
  if (!pos) {
    return [`${name}: no gridPos`];
  }
  const whole = [pos.x, pos.y, pos.w, pos.h].every((n) => Number.isInteger(n));
  if (!whole || pos.x < 0 || pos.y < 0 || pos.w < 1 || pos.h < 1 || pos.x + pos.w > GRID_COLUMNS) {
    return [`${name}: gridPos ${JSON.stringify(pos)} is not inside the ${GRID_COLUMNS} columns`];
  }
  return [];
}

function targetProblems(panel: Panel, name: string): string[] {
  const problems: string[] = [];
  const refIds = new Set<string>();
  (panel.targets ?? []).forEach((target, index) => {
    const refId = target.refId;
    if (typeof refId !== 'string' || refId === '') {
      problems.push(`${name}.targets[${index}]: no refId`);
    } else if (refIds.has(refId)) {
      problems.push(`${name}.targets[${index}]: refId ${refId} twice`);
    } else {
      refIds.add(refId);
    }
    const datasource = target.datasource as { uid?: unknown } | undefined;
    if (!datasource || typeof datasource.uid !== 'string' || datasource.uid === '') {
      problems.push(`${name}.targets[${index}]: no datasource`);
    }
  });
  return problems;
}

function overlapProblems(panels: ReadonlyArray<Panel | RowPanel>): string[] {
  const problems: string[] = [];
  const placed = panels.filter((panel) => panel.gridPos);
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i].gridPos!;
      const b = placed[j].gridPos!;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) {
        problems.push(`panels "${placed[i].title}" and "${placed[j].title}" overlap`);
      }
    }
  }
  return problems;
}
