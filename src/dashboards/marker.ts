/**
 * The generator's mark on a dashboard: the `northstar` tag plus a hash of the dashboard as generated. A stored
 * dashboard whose content still hashes to its mark is as we wrote it and may be regenerated; any other content
 * was edited by someone (a save from Grafana's UI also drops the mark), so we leave it alone.
 */
import type { Dashboard } from '@grafana/schema';
import { fnv1a32Hex } from '../kpi/model';
import type { DashboardKind } from './uid';

export const NORTHSTAR_TAG = 'northstar';
/** Top-level field of the generator's mark; Grafana keeps unknown fields of a dashboard saved through the API. */
export const MARKER_FIELD = 'northstarGenerated';
export const GENERATOR = 'northstar-kpi-app';

export interface GeneratorMarker {
  generator: typeof GENERATOR;
  kind: DashboardKind;
  /** The KPI it was generated for; absent on the catalog's executive dashboard. */
  kpiId?: string;
  /** fnv1a32 of the dashboard's content without id, version and this mark. */
  contentHash: string;
}

/** A dashboard model the generator writes: the schema's Dashboard plus the generator's mark. */
export type GeneratedDashboard = Dashboard & { [MARKER_FIELD]: GeneratorMarker };

/** Fields Grafana sets on save, which say nothing about the content. */
const SERVER_FIELDS = new Set(['id', 'version', MARKER_FIELD]);

/** The dashboard's content as a canonical string: sorted keys (Grafana stores JSON with its own key order). */
export function dashboardContent(dashboard: object): string {
  const content = Object.fromEntries(Object.entries(dashboard).filter(([key]) => !SERVER_FIELDS.has(key)));
  return canonicalJson(content);
}

export function contentHash(dashboard: object): string {
  return fnv1a32Hex(dashboardContent(dashboard));
}

/** Adds the mark for the content as it stands; call it last. */
export function markGenerated(
  dashboard: Dashboard,
  kind: DashboardKind,
  kpiId: string | undefined
): GeneratedDashboard {
  const marker: GeneratorMarker = {
    generator: GENERATOR,
    kind,
    ...(kpiId !== undefined ? { kpiId } : {}),
    contentHash: contentHash(dashboard),
  };
  return { ...dashboard, [MARKER_FIELD]: marker };
}

/** The mark of a stored dashboard, when it carries one. */
export function markerOf(dashboard: Record<string, unknown>): GeneratorMarker | undefined {
  const marker = dashboard[MARKER_FIELD] as Partial<GeneratorMarker> | undefined;
  const tags = Array.isArray(dashboard.tags) ? dashboard.tags : [];
  if (!tags.includes(NORTHSTAR_TAG) || !marker || marker.generator !== GENERATOR) {
    return undefined;
  }
  return typeof marker.contentHash === 'string' ? (marker as GeneratorMarker) : undefined;
}

/** True when a stored dashboard carries the mark and its content is still what was generated. */
export function isUnedited(dashboard: Record<string, unknown>): boolean {
  const marker = markerOf(dashboard);
  return marker !== undefined && contentHash(dashboard) === marker.contentHash;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
