/**
 * Test-only helpers for promtool (Debian package `prometheus`): find it, run it, and decide what a missing promtool
 * means. On a developer machine the promtool tests are skipped with a warning; in CI (`CI` set) they fail, because
 * a silently skipped check would let broken rules through.
 */
import { spawnSync } from 'child_process';
import { accessSync, constants } from 'fs';
import { delimiter, join } from 'path';

export interface PromtoolResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertion messages. */
  output: string;
}

const INSTALL_HINT = 'install the Debian package "prometheus" (it ships promtool) or set PROMTOOL=/path/to/promtool';

/** A binary named by $ENV_VAR if set, else the first `name` on PATH; undefined when there is none. */
export function findExecutable(name: string, envVar: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env[envVar];
  if (fromEnv) {
    return isExecutable(fromEnv) ? fromEnv : undefined;
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  return dirs.map((dir) => join(dir, name)).find(isExecutable);
}

/** The promtool binary: $PROMTOOL if set, else the first `promtool` on PATH; undefined when there is none. */
export function findPromtool(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findExecutable('promtool', 'PROMTOOL', env);
}

/** Runs promtool and returns its exit status and output; never throws on a non-zero exit. */
export function runPromtool(promtool: string, args: string[], cwd?: string): PromtoolResult {
  const result = spawnSync(promtool, args, { cwd, encoding: 'utf8', timeout: 120_000 });
  if (result.error) {
    throw result.error;
  }
  const stdout = result.stdout ?? '';
  const stderr = result.stderr ?? '';
  return { status: result.status, stdout, stderr, output: `${stdout}${stderr}` };
}

/**
 * `describe` for tests that need an installed tool (`installed` says whether it was found): skipped with a console
 * warning on a developer machine, or, when CI is set, replaced by one failing test that says what to install.
 */
export function describeWhenInstalled(
  name: string,
  tool: { installed: boolean; name: string; installHint: string },
  body: () => void
): void {
  if (tool.installed) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      test(`needs ${tool.name} installed (required when CI is set)`, () => {
        throw new Error(`${tool.name} not found: ${tool.installHint}. CI is set, so these tests must not be skipped.`);
      });
    });
  } else {
    console.warn(`${tool.name} not found, skipping "${name}": ${tool.installHint}.`);
    describe.skip(name, () => test(`needs ${tool.name}`, () => undefined));
  }
}

/**
 * `describe` for tests that need promtool; `body` receives its path. Without promtool the block is skipped with a
 * console warning, or, when CI is set, replaced by one failing test that says what to install.
 */
export function describeWithPromtool(name: string, body: (promtool: string) => void): void {
  const promtool = findPromtool();
  if (promtool !== undefined) {
    describe(name, () => body(promtool));
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      test('promtool is installed (required when CI is set)', () => {
        throw new Error(`promtool not found: ${INSTALL_HINT}. CI is set, so these tests must not be skipped.`);
      });
    });
    return;
  }
  console.warn(`promtool not found, skipping "${name}": ${INSTALL_HINT}.`);
  describe.skip(name, () => {
    test('needs promtool', () => undefined);
  });
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
