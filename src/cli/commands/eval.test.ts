import { EXAMPLE, run } from '../cliTestSupport';

describe('northstar eval arguments', () => {
  test('a bad --at is a usage error naming both accepted forms', async () => {
    const { code, stderr } = await run('eval', EXAMPLE, '--prometheus', 'http://127.0.0.1:9', '--at', 'yesterday');
    expect(code).toBe(1);
    expect(stderr).toBe('northstar: --at "yesterday" is neither RFC 3339 (2026-11-01T12:00:00Z) nor Unix seconds');
  });

  test('an unknown --kpi is named', async () => {
    const { code, stderr } = await run('eval', EXAMPLE, '--prometheus', 'http://127.0.0.1:9', '--kpi', 'nope');
    expect(code).toBe(1);
    expect(stderr).toContain('no KPI with id "nope"');
  });

  test.each([[[]], [['--prometheus', 'http://127.0.0.1:9', '--grafana', 'http://127.0.0.1:9']]])(
    'exactly one of --prometheus and --grafana is needed (%j)',
    async (flags) => {
      const { code, stderr } = await run('eval', EXAMPLE, ...flags);
      expect(code).toBe(1);
      expect(stderr).toContain('give either --prometheus <url> or --grafana <url>');
    }
  );
});
