import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { GOLDEN, EXAMPLE, run, sloCatalog, tempFile } from '../cliTestSupport';

describe('northstar openslo', () => {
  test('export gives the committed golden OpenSLO documents', async () => {
    const { code, stdout } = await run('openslo', 'export', EXAMPLE);
    expect(code).toBe(0);
    if (process.env.UPDATE_GOLDEN) {
      writeFileSync(join(GOLDEN, 'catalog.openslo.yaml'), stdout + '\n');
    }
    expect(stdout + '\n').toBe(readFileSync(join(GOLDEN, 'catalog.openslo.yaml'), 'utf8'));
    // The three SLOs; the four value KPIs are left out with a note each.
    expect(parseAllDocuments(stdout)).toHaveLength(3);
  });

  test('a catalog exported and imported again is equal in every field, less its value and SQL KPIs', async () => {
    const exported = tempFile('openslo.yaml', (await run('openslo', 'export', EXAMPLE)).stdout);
    const { code, stdout, stderr } = await run('openslo', 'import', exported);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(parse(stdout)).toEqual(sloCatalog(EXAMPLE));
  });

  test('an SLO we cannot convert is named on stderr while the others still convert', async () => {
    const exported = (await run('openslo', 'export', EXAMPLE)).stdout;
    const calendar = exported.replace(
      /timeWindow:\n(\s+)- duration: 7d\n\s+isRolling: true/,
      'timeWindow:\n$1- duration: 1M\n$1  isRolling: false\n$1  calendar: { startTime: "2026-01-01 00:00:00", timeZone: Mars/Olympus }'
    );
    expect(calendar).not.toBe(exported);
    const { code, stdout, stderr } = await run('openslo', 'import', tempFile('calendar.yaml', calendar));
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^.*calendar\.yaml: documents\[2\] \(login-success\)\.spec\.timeWindow\[0\]\.calendar\.timeZone/
    );
    expect(parse(stdout).kpis.map((k: { id: string }) => k.id)).toEqual(['checkout-availability', 'search-latency']);
  });

  test('a YAML syntax error names line and column', async () => {
    const { code, stderr } = await run(
      'openslo',
      'import',
      tempFile('broken.yaml', 'apiVersion: openslo/v1\nkind: [SLO\n')
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/broken\.yaml:\d+:\d+: YAML syntax error/);
  });
});
