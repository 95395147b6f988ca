/**
 * Check-ins on every chart: owners' notes are Grafana organization annotations tagged `northstar-check-in` and
 * `kpi:<id>` (src/data/checkInAnnotations.ts), so a dashboard shows them with an annotation query of Grafana's
 * built-in data source filtered by tags. The shape is what Grafana stores for a "-- Grafana --" annotation of type
 * Tags: the filter in `target` (public/app/plugins/datasource/grafana/datasource.ts `prepareAnnotation`), which
 * `getAnnotations` turns into `GET /api/annotations?from&to&limit&tags=…&matchAny=false`, each tag interpolated
 * with the dashboard's variables.
 */
import type { AnnotationQuery, AnnotationTarget, DataQuery } from '@grafana/schema';
import { CHECK_IN_TAG, kpiTag } from '../kpi/catalog';

/** Grafana's `GrafanaAnnotationType.Tags`: annotations found by their tags, from any dashboard or none. */
const TAGS_ANNOTATION_TYPE = 'tags';
/** Grafana's default limit of a tags annotation query; far more notes than a KPI gets in any dashboard range. */
const CHECK_IN_LIMIT = 100;

export const CHECK_IN_ANNOTATION_NAME = 'Check-ins';

/** The built-in data source as Grafana's own "Annotations & Alerts" entry names it. */
export const GRAFANA_BUILT_IN_DATASOURCE = { type: 'grafana', uid: '-- Grafana --' } as const;

/**
 * The check-ins of one KPI (`kpiId`: its id, or a variable such as `${kpi}` on a dashboard that shows one KPI at a
 * time), or of every KPI when undefined. `matchAny` false: a note must carry both tags.
 */
export function checkInAnnotationQuery(kpiId?: string): AnnotationQuery<AnnotationTarget & DataQuery> {
  return {
    name: CHECK_IN_ANNOTATION_NAME,
    datasource: { ...GRAFANA_BUILT_IN_DATASOURCE },
    enable: true,
    hide: false,
    iconColor: 'purple',
    // The refId Grafana gives an annotation's query (prepareQuery: the annotation's name).
    target: {
      refId: CHECK_IN_ANNOTATION_NAME,
      type: TAGS_ANNOTATION_TYPE,
      tags: kpiId === undefined ? [CHECK_IN_TAG] : [CHECK_IN_TAG, kpiTag(kpiId)],
      matchAny: false,
      limit: CHECK_IN_LIMIT,
    },
  };
}
