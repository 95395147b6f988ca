import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { VALIDATE, EXAMPLE, run, tempFile, noStackTrace } from '../cliTestSupport';

describe('northstar validate', () => {
  test.each(readdirSync(join(VALIDATE, 'good')))('good/%s is valid', async (name) => {
    const { code, stdout, stderr } = await run('validate', join(VALIDATE, 'good', name));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/KPIs? valid$/);
  });

  test.each(readdirSync(join(VALIDATE, 'bad')))('bad/%s is refused with the message it expects', async (name) => {
    const file = join(VALIDATE, 'bad', name);
    const expected = readFileSync(file, 'utf8')
      .split('\n')[0]
      .replace(/^# expect: /, '');
    const { code, stderr } = await run('validate', file);
    expect(code).toBe(1);
    expect(stderr).toContain(expected);
    // one line per problem, each naming the file
    for (const line of stderr.split('\n')) {
      expect(line.startsWith(file)).toBe(true);
    }
    noStackTrace(stderr);
  });

  test('several files: every problem of every file is listed and the exit code is 1', async () => {
    const { code, stderr, stdout } = await run(
      'validate',
      EXAMPLE,
      join(VALIDATE, 'bad/target-one.yaml'),
      join(VALIDATE, 'bad/window-zero.yaml')
    );
    expect(code).toBe(1);
    expect(stdout).toContain('11 KPIs valid');
    expect(stderr.split('\n')).toHaveLength(2);
  });

  test('a missing file is a problem, not a crash', async () => {
    const { code, stderr } = await run('validate', '/no/such/catalog.yaml');
    expect(code).toBe(1);
    expect(stderr).toBe('/no/such/catalog.yaml: no such file');
  });

  test('a published version edited in place is refused when the previous catalog is given', async () => {
    const edited = readFileSync(EXAMPLE, 'utf8').replace(
      'objective: { target: 0.999, window: 28d }',
      'objective: { target: 0.99, window: 28d }'
    );
    const { code, stderr } = await run('validate', tempFile('next.yaml', edited), '--previous', EXAMPLE);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'kpis[0] (checkout-availability).version: published version 1 was changed (objective.target); publish the change as version 2'
    );
  });

  test('a published version turned back into a draft at the same version is refused', async () => {
    const drafted = readFileSync(EXAMPLE, 'utf8').replace(
      /id: checkout-availability\n    version: 1\n    status: published/,
      'id: checkout-availability\n    version: 1\n    status: draft'
    );
    const { code, stderr } = await run('validate', tempFile('next.yaml', drafted), '--previous', EXAMPLE);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'kpis[0] (checkout-availability).version: a draft must be at least version 2: version 1 is published'
    );
  });

  test('the same edit published as the next version passes', async () => {
    const edited = readFileSync(EXAMPLE, 'utf8')
      .replace('objective: { target: 0.999, window: 28d }', 'objective: { target: 0.99, window: 28d }')
      .replace(/id: checkout-availability\n    version: 1/, 'id: checkout-availability\n    version: 2');
    const { code, stderr } = await run('validate', tempFile('next.yaml', edited), '--previous', EXAMPLE);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  test('a 10 MB catalog validates without trouble', async () => {
    const kpi = parse(readFileSync(EXAMPLE, 'utf8')).kpis[0];
    const kpis = Array.from({ length: 17_500 }, (_, i) => ({ ...kpi, id: `kpi-${i}`, description: 'x'.repeat(250) }));
    const text = stringify(
      { apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis },
      { aliasDuplicateObjects: false }
    );
    expect(text.length).toBeGreaterThan(10_000_000);
    const { code, stdout } = await run('validate', tempFile('big.yaml', text));
    expect(code).toBe(0);
    expect(stdout).toContain('17500 KPIs valid');
  }, 120_000);
});

test('a YAML alias bomb is refused with a message, not expanded', async () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) {
    bomb.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
        .fill('*' + String.fromCharCode(96 + i))
        .join(',')}]`
    );
  }
  const { code, stderr } = await run('validate', tempFile('bomb.yaml', bomb.join('\n')));
  expect(code).toBe(1);
  expect(stderr).toMatch(/bomb\.yaml: Excessive alias count/);
});

/**
 * Runs a command that writes `golden` with -o and compares the file byte for byte (UPDATE_GOLDEN rewrites it). The
 * output goes next to the golden file under a temporary name, so paths relative to its folder come out the same.
 */

describe('northstar validate --lint', () => {
  const kpi = (id: string, fields: Record<string, unknown> = {}) => ({
    id,
    version: 1,
    status: 'published',
    name: id,
    owner: 'team-search',
    decision: 'Roll back the release that slowed search.',
    datasource: { type: 'prometheus', uid: 'prometheus' },
    indicator: {
      type: 'ratio',
      good: `sum(rate(http_requests_total{job="${id}",code!~"5.."}[5m]))`,
      total: `sum(rate(http_requests_total{job="${id}"}[5m]))`,
    },
    objective: { target: 0.999, window: '28d' },
    ...fields,
  });
  const catalog = tempFile(
    'lint.yaml',
    stringify({
      apiVersion: 'northstar.dev/v1',
      kind: 'KpiCatalog',
      kpis: [
        kpi('search', { drivenBy: ['old-search'], review: { every: '90d', last: '2020-01-01' } }),
        kpi('search-again', {
          indicator: { ...kpi('search').indicator, total: ' sum( rate(http_requests_total{job="search"}[5m]) )' },
        }),
        kpi('undecided', { decision: undefined }),
        kpi('old-search', { status: 'retired' }),
      ],
    })
  );

  test('warns about each case without failing, naming the KPI and the field', async () => {
    const { code, stdout, stderr } = await run('validate', '--lint', catalog);
    expect(stderr.split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${catalog}: warning: kpis\\[0\\] \\(search\\)\\.review: overdue since 2020-03-31 \\(\\d+ days\\): last reviewed 2020-01-01, every 90d$`
        )
      ),
      `${catalog}: warning: kpis[0] (search).drivenBy[0]: "old-search" is retired: name the KPI that replaced it, or remove it`,
      `${catalog}: warning: kpis[1] (search-again).indicator: has the same queries as kpis[0] (search): one KPI measured twice; keep one and retire the other`,
      `${catalog}: warning: kpis[2] (undecided).decision: a published KPI should name the decision it drives`,
    ]);
    expect(stdout).toBe(`${catalog}: 4 KPIs valid (4 warnings)`);
    expect(code).toBe(0);
  });

  test('without --lint only the retired driver is warned about', async () => {
    const { code, stdout, stderr } = await run('validate', catalog);
    expect(stderr).toBe(
      `${catalog}: warning: kpis[0] (search).drivenBy[0]: "old-search" is retired: name the KPI that replaced it, or remove it`
    );
    expect(stdout).toBe(`${catalog}: 4 KPIs valid (1 warning)`);
    expect(code).toBe(0);
  });
});
