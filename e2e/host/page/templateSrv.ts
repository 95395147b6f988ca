import type { ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import {
  containsVariable,
  interpolateVariables,
  type TemplateVariable,
  type VariableFormatter,
} from '../../../src/testing/templateVariables';

/** The host's template service, which also holds the variables of the dashboard a page opened. */
export interface HostTemplateSrv extends TemplateSrv {
  setDashboardVariables(variables: readonly TemplateVariable[]): void;
}

/** A scoped variable as Grafana sees one: a value of its own, neither multi-value nor with an All option. */
function scopedVariable(name: string, scopedVars: ScopedVars | undefined): TemplateVariable | undefined {
  const scoped = scopedVars?.[name];
  if (!scoped) {
    return undefined;
  }
  const value: unknown = scoped.value;
  return { name, value: Array.isArray(value) ? value.map(String) : String(value) };
}

/**
 * HostTemplateSrv knows how Grafana fills variables in (src/testing/templateVariables.ts): scoped variables first, then the
 * open dashboard's; every other reference stays in place, for the backend to expand (`$__rate_interval`).
 */
export function createTemplateSrv(): HostTemplateSrv {
  let dashboardVariables = new Map<string, TemplateVariable>();
  return {
    setDashboardVariables: (variables) => {
      dashboardVariables = new Map(variables.map((variable) => [variable.name, variable]));
    },
    getVariables: () => [],
    replace: (target = '', scopedVars?: ScopedVars, format?: string | Function) =>
      interpolateVariables(
        target,
        (name) => scopedVariable(name, scopedVars) ?? dashboardVariables.get(name),
        format as string | VariableFormatter | undefined
      ),
    containsTemplate: (target) => target !== undefined && containsVariable(target),
    updateTimeRange: () => undefined,
  };
}

/** The one template service of the page, which runtimeServices installs. */
export const hostTemplateSrv = createTemplateSrv();
