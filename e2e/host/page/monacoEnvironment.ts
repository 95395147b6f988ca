/**
 * Monaco's web worker, given as Grafana gives it: GrafanaApp.init (public/app/app.ts) calls setMonacoEnv
 * (public/app/core/monacoEnv.ts) before anything renders, and its `MonacoEnvironment.getWorker` starts a module worker
 * from monaco-editor's `editor.worker` for every label no registered language claims. The host's editors (PromQL and
 * SQL) have no language service of their own, so Monaco's editor worker is all they ask for; pageBundle.ts builds it
 * beside the page and names its URL here.
 */
import type { Environment } from 'monaco-editor';

/** Set by the page bundle's build (e2e/host/build/pageBundle.ts) to the editor worker's URL. */
declare const HOST_MONACO_EDITOR_WORKER_URL: string;

const monacoEnvironment: Environment = {
  // Same origin as the page, so Grafana's CorsWorker wrapper (a blob that imports the script) is not needed.
  getWorker: (_workerId, label) => new Worker(HOST_MONACO_EDITOR_WORKER_URL, { name: label, type: 'module' }),
};

export function setMonacoEnvironment(): void {
  self.MonacoEnvironment = monacoEnvironment;
}
