import { existsSync } from 'node:fs';
import { describeWithPostgres, queryPostgres, startPostgres } from './postgresServer';

describeWithPostgres('a throwaway PostgreSQL cluster', () => {
  test('starts on a free port, answers select 1 in UTC, and leaves nothing behind when stopped', async () => {
    const cluster = await startPostgres();
    let stopped = false;
    try {
      expect(cluster.url).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      expect(existsSync(cluster.dir)).toBe(true);

      const rows = await queryPostgres<{ one: number; zone: string }>(
        cluster.url,
        "select 1 as one, current_setting('TimeZone') as zone"
      );
      expect(rows).toEqual([{ one: 1, zone: 'UTC' }]);

      await cluster.stop();
      stopped = true;
      expect(existsSync(cluster.dir)).toBe(false);
      await expect(queryPostgres(cluster.url, 'select 1')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      if (!stopped) {
        await cluster.stop();
      }
    }
  }, 120_000);
});
