/**
 * Dashboard panels as plugin-host scenarios (e2e/host/scenarios.ts): a panel's queries, time range and options as
 * a dashboard holds them, registered with a host and opened at a size.
 */
import type { Panel } from '@grafana/schema';
import type { APIRequestContext } from '@playwright/test';
import { DATASOURCE_REF_TEXT } from '../src/dashboards/variables';
import { expect } from './fixtures';
import { SCENARIOS_API_PATH } from './host/hostContract';
import type { PanelScenario, ScenarioQuery, ScenarioVariable } from './host/scenarios';

/**
 * A dashboard panel as a host scenario: its queries on the data source the `datasource` variable starts on, and
 * the dashboard's variables with the values given.
 */
export function asScenario(
  panel: Panel,
  name: string,
  datasourceUid: string,
  variables: Record<string, string | ScenarioVariable> = {}
): PanelScenario {
  return {
    variables,
    name,
    title: panel.title ?? name,
    description: `generated on-call panel ${panel.id}`,
    timeRange: { from: `now-${panel.timeFrom}`, to: 'now' },
    queries: (panel.targets ?? []).map((target) => {
      const { instant, interval, rawSql, format } = target as {
        instant?: boolean;
        interval?: string;
        rawSql?: string;
        format?: ScenarioQuery['format'];
      };
      return {
        refId: String(target.refId),
        // A SQL target (rawSql, format) goes to the data source as stored; a PromQL one as its expression.
        ...(rawSql === undefined ? { expr: String(target.expr) } : { rawSql, format }),
        datasourceUid: (target.datasource as { uid: string }).uid === DATASOURCE_REF_TEXT ? datasourceUid : undefined,
        ...(instant ? { instant } : {}),
        ...(interval ? { interval } : {}),
      };
    }),
    options: panel.options as PanelScenario['options'],
    ...(panel.maxDataPoints ? { maxDataPoints: panel.maxDataPoints } : {}),
    // Query options → Min interval, which a value tile sets so that Grafana reads it at the app's step.
    ...(panel.interval ? { interval: panel.interval } : {}),
  };
}

/** Registers the scenario with the host and opens its panel page at the given size. */
export async function openScenario(
  {
    request,
    hostUrl,
    openHostPage,
  }: { request: APIRequestContext; hostUrl: string; openHostPage: (path: string) => Promise<void> },
  scenario: PanelScenario,
  size: { width: number; height: number }
): Promise<void> {
  const posted = await request.post(`${hostUrl}${SCENARIOS_API_PATH}`, { data: scenario });
  expect(posted.status()).toBe(201);
  await openHostPage(`${(await posted.json()).url}&width=${size.width}&height=${size.height}`);
}
