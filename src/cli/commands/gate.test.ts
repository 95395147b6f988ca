import { freePort } from '../../testing/prometheusServer';
import { BERLIN_CATALOG, EXAMPLE, run, tempFile } from '../cliTestSupport';
import { markdownText } from '../gateReport';

const UNGATED = tempFile('ungated.yaml', BERLIN_CATALOG);
const GATED = tempFile('gated.yaml', `${BERLIN_CATALOG}    gate: { minBudgetRemaining: 0.25 }\n`);

describe('northstar gate arguments', () => {
  test('an unknown KPI is named', async () => {
    const { code, stderr } = await run('gate', EXAMPLE, 'nope', '--prometheus', 'http://127.0.0.1:9');
    expect(stderr).toBe(`${EXAMPLE}: no KPI with id "nope"`);
    expect(code).toBe(1);
  });

  test('a catalog without any gate says how to add one', async () => {
    const { code, stderr } = await run('gate', UNGATED, '--prometheus', 'http://127.0.0.1:9');
    expect(stderr).toBe(`${UNGATED}: no published KPI has a gate: add one, e.g. gate: { minBudgetRemaining: 0.25 }`);
    expect(code).toBe(1);
  });

  test('--no-data takes pass or fail only', async () => {
    const { code, stderr } = await run('gate', GATED, '--prometheus', 'http://127.0.0.1:9', '--no-data', 'maybe');
    expect(stderr).toContain("argument 'maybe' is invalid. Allowed choices are pass, fail.");
    expect(code).toBe(1);
  });

  test('an unreachable Prometheus is no data (exit 2), with the reason', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const { code, stdout } = await run('gate', GATED, '--prometheus', url);
    expect(stdout.split('\n')).toEqual([
      'NO DATA  checkout  no data: the error budget left is unknown',
      expect.stringMatching(new RegExp(`^checkout: cannot reach Prometheus at ${url}: ECONNREFUSED`)),
      'gate failed: 0 failed, 0 passed, 1 without data',
    ]);
    expect(code).toBe(2);
  });
});

describe('markdownText', () => {
  test.each([
    ['Search | latency', 'Search \\| latency'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['**bold** _it_ `code` [link](http://x)', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[link\\](http://x)'],
    ['two\nlines', 'two lines'],
    ['AT&T', 'AT&amp;T'],
  ])('%j is shown as typed', (text, expected) => {
    expect(markdownText(text)).toBe(expected);
  });
});
