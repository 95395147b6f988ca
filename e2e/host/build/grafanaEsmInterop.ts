/**
 * esbuild plugins that the host page needs to bundle the npm builds of @grafana/* the way Grafana's own frontend
 * sees them (see e2e/contracts/plugin-host-notes.md, obstacle 8):
 *
 * - @grafana/* ship their ES modules as `.mjs`. esbuild gives every importer with a `.mjs` path Node's CommonJS
 *   interop, under which a default import of a CJS module that sets `__esModule` yields the whole exports object
 *   (React error #130 in CustomScrollbar). The file extension decides that, so these files are loaded from a virtual
 *   path that ends in `.mjs.js`, with their own contents and folder.
 * - `@grafana/runtime/internal` is where Grafana's app takes the setters for PluginPage, PanelDataErrorView and the
 *   data source settings from; the npm package does not export it, so the host maps that specifier onto the
 *   package's own files (the same module instances the public entry uses).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { OnResolveArgs, OnResolveResult, Plugin } from 'esbuild';

const NAMESPACE = 'grafana-esm';
const GRAFANA_MJS = /\/node_modules\/@grafana\/[^/]+\/dist\/.*\.mjs$/;
const SKIP_SELF = Symbol('resolved by grafanaEsmInterop');

export const RUNTIME_INTERNAL = '@grafana/runtime/internal';

/** The files behind the host's `@grafana/runtime/internal` and what each contributes. */
const RUNTIME_INTERNAL_EXPORTS: Array<[string, string[]]> = [
  ['components/PluginPage.mjs', ['setPluginPage']],
  ['components/PanelDataErrorView.mjs', ['setPanelDataErrorView']],
  ['services/dataSource/settings.mjs', ['initDataSourceInstanceSettings']],
  ['services/dataSource/dataSource.mjs', ['setDataSourcePluginImporter']],
];

export function grafanaEsmInterop(): Plugin {
  return {
    name: 'grafana-esm-interop',
    setup(build) {
      const runtimeEsmDir = join(dirname(require.resolve('@grafana/runtime/package.json')), 'dist', 'esm');

      build.onResolve({ filter: new RegExp(`^${RUNTIME_INTERNAL}$`) }, () => ({
        path: RUNTIME_INTERNAL,
        namespace: NAMESPACE,
        pluginData: { internal: true },
      }));

      const remap = async (args: OnResolveArgs): Promise<OnResolveResult | undefined> => {
        if (args.pluginData === SKIP_SELF) {
          return undefined;
        }
        const result = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: SKIP_SELF,
        });
        if (result.errors.length > 0) {
          return { errors: result.errors };
        }
        const { path, namespace, external, sideEffects, suffix } = result;
        return GRAFANA_MJS.test(path)
          ? { path: `${path}.js`, namespace: NAMESPACE, sideEffects }
          : { path, namespace, external, sideEffects, suffix };
      };
      // Bare @grafana/* imports from anywhere, and every import made by a remapped file.
      build.onResolve({ filter: /^@grafana\// }, remap);
      build.onResolve({ filter: /.*/, namespace: NAMESPACE }, remap);

      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async (args) => {
        if (args.path === RUNTIME_INTERNAL) {
          const contents = RUNTIME_INTERNAL_EXPORTS.map(
            ([file, names]) => `export { ${names.join(', ')} } from ${JSON.stringify(join(runtimeEsmDir, file))};`
          ).join('\n');
          return { contents, loader: 'js', resolveDir: runtimeEsmDir };
        }
        const realPath = args.path.slice(0, -'.js'.length);
        return { contents: await readFile(realPath, 'utf8'), loader: 'js', resolveDir: dirname(realPath) };
      });
    },
  };
}
