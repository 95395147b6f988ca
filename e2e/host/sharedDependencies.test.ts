/**
 * Every package the built plugin leaves to Grafana (its AMD `define([...])` list) is one the host shares, so the
 * browser tests cannot pass on a host that lacks what Grafana would have given the plugin.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AMD_BUILTIN_DEPENDENCIES, SHARED_DEPENDENCY_NAMES } from './page/sharedDependencyNames';

const REPO_ROOT = join(__dirname, '..', '..');
const BUILT_MODULES = ['dist/module.js', 'dist/panels/kpi/module.js'];

/** The dependency list of a webpack AMD bundle: `define(["react","@grafana/data",...], factory)`. */
function amdDependencies(source: string): string[] {
  const list = /define\((\[[^\]]*\])/.exec(source);
  return list ? (JSON.parse(list[1]) as string[]) : [];
}

const built = BUILT_MODULES.every((file) => existsSync(join(REPO_ROOT, file)));
const describeBuilt = built || process.env.CI ? describe : describe.skip;
if (!built && !process.env.CI) {
  console.warn('dist/ is not built (npm run build): skipping the check of its shared dependencies');
}

describeBuilt('the dependencies the built plugin expects from Grafana', () => {
  test.each(BUILT_MODULES)('every external of %s is shared by the host', (file) => {
    const dependencies = amdDependencies(readFileSync(join(REPO_ROOT, file), 'utf8'));
    const known: readonly string[] = [...SHARED_DEPENDENCY_NAMES, ...AMD_BUILTIN_DEPENDENCIES];

    expect(dependencies).toContain('react');
    expect(dependencies.filter((name) => !known.includes(name))).toEqual([]);
  });
});
