import type { ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

const VARIABLE = /\$(\w+)|\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\]/g;

/**
 * The host has no dashboard variables; it interpolates only the scoped variables a caller passes
 * (`$name`, `${name}`, `[[name]]`) and leaves every other variable in place, for the backend to expand.
 */
export function createTemplateSrv(): TemplateSrv {
  return {
    getVariables: () => [],
    replace: (target = '', scopedVars?: ScopedVars) =>
      target.replace(VARIABLE, (token, plain?: string, braced?: string, bracketed?: string) => {
        const variable = scopedVars?.[plain ?? braced ?? bracketed ?? ''];
        return variable ? String(variable.value) : token;
      }),
    containsTemplate: (target) => target !== undefined && new RegExp(VARIABLE.source).test(target),
    updateTimeRange: () => undefined,
  };
}
