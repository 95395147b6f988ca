import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import path from 'node:path';
import { roomImports, ROOMS } from './roomImports.mjs';

const cwd = path.resolve(__dirname, '../..');
const linter = new Linter({ configType: 'flat', cwd });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
    plugins: { northstar: { rules: { 'room-imports': roomImports } } },
    rules: { 'northstar/room-imports': ['error', { rooms: ROOMS }] },
  },
];

/** The rule's messages for `code` written in `file` (relative to the project root). */
function problemsIn(file: string, code: string): string[] {
  return linter.verify(code, config, { filename: path.join(cwd, file) }).map((m) => m.message);
}

describe('northstar/room-imports', () => {
  it('refuses a file inside another room and names the index to import instead', () => {
    expect(problemsIn('src/data/catalogStore.ts', "import { kpiSchema } from '../kpi/catalog/schema';")).toEqual([
      "'../kpi/catalog/schema' reaches into the room src/kpi/catalog: import '../kpi/catalog' (its index.ts) instead",
    ]);
  });

  it('refuses re-exports and dynamic imports past an index, from another room of src/kpi too', () => {
    const code = [
      "export { parseDuration } from '../time/duration';",
      "export * from '../model/model';",
      "const lazy = () => import('../policy/policy');",
    ].join('\n');
    expect(problemsIn('src/kpi/evaluate/evaluate.ts', code)).toHaveLength(3);
  });

  it('refuses reaching into src/reading', () => {
    expect(problemsIn('src/pages/Catalog/Catalog.ts', "import '../../reading/frames';")).toEqual([
      "'../../reading/frames' reaches into the room src/reading: import '../../reading' (its index.ts) instead",
    ]);
  });

  it("accepts a room's index, siblings inside a room, packages and folders that are no room", () => {
    expect(problemsIn('src/data/catalogStore.ts', "import { parseKpi } from '../kpi/catalog';")).toEqual([]);
    expect(problemsIn('src/data/catalogStore.ts', "import { parseKpi } from '../kpi/catalog/index';")).toEqual([]);
    expect(problemsIn('src/kpi/catalog/catalog.ts', "import { kpiSchema } from './schema';")).toEqual([]);
    expect(problemsIn('src/kpi/catalog/catalog.ts', "import type { Catalog } from '../model';")).toEqual([]);
    expect(problemsIn('src/data/catalogStore.ts', "import { z } from 'zod';")).toEqual([]);
    expect(problemsIn('src/pages/Catalog/Catalog.ts', "import { useCatalog } from '../../data/catalogStore';")).toEqual(
      []
    );
  });
});
