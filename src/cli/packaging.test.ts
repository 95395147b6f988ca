import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const ROOT = join(__dirname, '../..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));

/** Value imports and requires only: `import type` is erased and needs nothing at run time. */
const SPECIFIER =
  /(?:^|\n)\s*(?:import(?!\s+type\b)[^'"]*?from\s*|import\s*|export(?!\s+type\b)[^'"]*?from\s*)['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)/g;

function moduleFile(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
    (file) => existsSync(file) && statSync(file).isFile()
  );
}

/** The packages a file loads at run time, following its relative imports through the source tree. */
function runtimePackages(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) {
      continue;
    }
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith('.')) {
        const next = moduleFile(file, specifier);
        if (next && /\.(ts|tsx|cjs|js)$/.test(next)) {
          pending.push(next);
        }
      } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
        const parts = specifier.split('/');
        packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
      }
    }
  }
  return packages;
}

describe('the installed northstar CLI', () => {
  const packages = [
    ...runtimePackages(join(ROOT, 'bin/northstar.cjs')),
    ...runtimePackages(join(ROOT, 'src/cli/main.ts')),
  ];

  test('loads tsx and commander, so the check below covers them', () => {
    expect(packages).toEqual(expect.arrayContaining(['tsx', 'commander', 'yaml', 'zod']));
  });

  test.each([...new Set(packages)])('%s is a production dependency in package.json', (name) => {
    expect(packageJson.dependencies).toHaveProperty([name]);
    expect(packageJson.devDependencies ?? {}).not.toHaveProperty([name]);
  });

  test.each([...new Set(packages)])('%s is not marked dev-only in package-lock.json', (name) => {
    const entry = lock.packages[`node_modules/${name}`];
    expect(entry).toBeDefined();
    expect(entry.dev).toBeUndefined();
  });
});
