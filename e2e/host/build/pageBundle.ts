/**
 * The host page's bundle (e2e/host/page, with React, @grafana/* and SystemJS from node_modules), built by esbuild
 * into node_modules/.cache/northstar-plugin-host/<hash>/, where linters and git do not look. The hash covers the
 * page's sources, this builder and the lockfile, so a change to any of them rebuilds and an unchanged tree reuses
 * the last build (a build takes 10 to 25 s on two cores).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, version as esbuildVersion, type Message, type Metafile } from 'esbuild';
import { PAGE_BUNDLE_PATH } from '../hostContract';
import { grafanaEsmInterop } from './grafanaEsmInterop';

const HOST_DIR = join(__dirname, '..');
const REPO_ROOT = join(HOST_DIR, '..', '..');
const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'northstar-plugin-host');
const ENTRY = join(HOST_DIR, 'page', 'main.tsx');
/** Monaco's editor worker, built beside main.js; page/monacoEnvironment.ts starts it from the URL it is given. */
const MONACO_EDITOR_WORKER = {
  entry: require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
  name: 'monaco/editor.worker',
};
const MANIFEST = 'manifest.json';
/** Older builds stay this long, for a host that still serves one (a demo started before an edit). */
const OLD_BUILD_LIFETIME_MS = 24 * 3_600_000;

/** Everything the bundle is made from besides node_modules (the lockfile stands for those). */
const INPUTS = [
  join(HOST_DIR, 'page'),
  join(HOST_DIR, 'build'),
  join(HOST_DIR, 'hostContract.ts'),
  join(REPO_ROOT, 'package-lock.json'),
];

/** PageBundle knows where a built page bundle lives on disk and the URLs the page loads from it. */
export interface PageBundle {
  dir: string;
  urlPrefix: string;
  scriptUrl: string;
  cssUrl?: string;
  /** The chunks main.js imports statically, for <link rel="modulepreload">: fetched at once, not one by one. */
  preloadUrls: string[];
}

/** What a build leaves for later starts: file names relative to its folder. */
interface Manifest {
  script: string;
  css?: string;
  preload: string[];
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) {
    return [path];
  }
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

function inputsHash(): string {
  const hash = createHash('sha256').update(esbuildVersion);
  for (const file of INPUTS.flatMap(filesUnder)) {
    hash.update(relative(REPO_ROOT, file)).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

function describe(messages: Message[]): string {
  return messages
    .map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ${m.text}` : m.text))
    .join('\n');
}

/** main.js, its CSS and every chunk reachable from it through static imports, relative to `outdir`. */
function manifestOf(metafile: Metafile, outdir: string): Manifest {
  const name = (output: string) => relative(outdir, join(REPO_ROOT, output));
  const main = Object.keys(metafile.outputs).find((output) => name(output) === 'main.js');
  if (!main) {
    throw new Error('the host page bundle has no main.js');
  }
  const reached = new Set<string>();
  const pending = [main];
  while (pending.length > 0) {
    const output = pending.pop() ?? '';
    if (!reached.has(output)) {
      reached.add(output);
      pending.push(...metafile.outputs[output].imports.filter((i) => i.kind === 'import-statement').map((i) => i.path));
    }
  }
  reached.delete(main);
  const css = metafile.outputs[main].cssBundle;
  return { script: 'main.js', css: css ? name(css) : undefined, preload: [...reached].map(name) };
}

function buildFailed(error: { errors?: Message[] }): never {
  throw new Error(`the host page bundle did not build:\n${describe(error.errors ?? [])}`);
}

/** A build of its own into one file: the worker runs in its own global scope and shares no module with the page. */
async function buildMonacoEditorWorker(outdir: string): Promise<void> {
  await build({
    entryPoints: { [MONACO_EDITOR_WORKER.name]: MONACO_EDITOR_WORKER.entry },
    outdir,
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  }).catch(buildFailed);
}

async function buildInto(outdir: string, urlPrefix: string): Promise<void> {
  await buildMonacoEditorWorker(outdir);
  const result = await build({
    entryPoints: { main: ENTRY },
    outdir,
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: 'browser',
    // ES modules with code splitting: what the page only imports lazily (Monaco behind CodeEditor, most of it)
    // stays out of the first download.
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    target: 'es2022',
    minify: true,
    jsx: 'transform',
    publicPath: urlPrefix,
    assetNames: 'assets/[name]-[hash]',
    metafile: true,
    define: {
      'process.env.NODE_ENV': '"production"',
      global: 'globalThis',
      // SystemJS's AMD extra installs a global `define`; bundled UMD code (lodash) must not see it (obstacle 7).
      define: 'undefined',
      HOST_MONACO_EDITOR_WORKER_URL: JSON.stringify(`${urlPrefix}/${MONACO_EDITOR_WORKER.name}.js`),
    },
    loader: { '.svg': 'file', '.png': 'file', '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
    // systemjs' package.json says "type": "script", which esbuild warns about; it is harmless.
    logOverride: { 'package.json': 'silent' },
    logLevel: 'silent',
    plugins: [grafanaEsmInterop()],
  }).catch(buildFailed);
  writeFileSync(join(outdir, MANIFEST), JSON.stringify(manifestOf(result.metafile, outdir), null, 2));
}

function removeOldBuilds(current: string): void {
  for (const name of readdirSync(CACHE_DIR)) {
    const path = join(CACHE_DIR, name);
    if (name !== current && Date.now() - statSync(path).mtimeMs > OLD_BUILD_LIFETIME_MS) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

/** Builds the page bundle unless a build of the same inputs exists; safe when two hosts start at once. */
export async function ensurePageBundle(): Promise<PageBundle> {
  const key = inputsHash();
  const dir = join(CACHE_DIR, key);
  const urlPrefix = `${PAGE_BUNDLE_PATH}/${key}`;
  if (!existsSync(join(dir, MANIFEST))) {
    mkdirSync(CACHE_DIR, { recursive: true });
    const staging = join(CACHE_DIR, `.staging-${process.pid}-${Date.now()}`);
    try {
      await buildInto(staging, urlPrefix);
      renameSync(staging, dir);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      // Another host finished the same build first: use it.
      if (!existsSync(join(dir, MANIFEST))) {
        throw error;
      }
    }
    removeOldBuilds(key);
  }
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Manifest;
  return {
    dir,
    urlPrefix,
    scriptUrl: `${urlPrefix}/${manifest.script}`,
    cssUrl: manifest.css ? `${urlPrefix}/${manifest.css}` : undefined,
    preloadUrls: manifest.preload.map((file) => `${urlPrefix}/${file}`),
  };
}
