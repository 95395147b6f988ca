import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { describeWithPostgres, startPostgres } from './postgresServer';

async function queryOnce<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describeWithPostgres('a throwaway PostgreSQL cluster', () => {
  test('starts on a free port, answers select 1 in UTC, and leaves nothing behind when stopped', async () => {
    const cluster = await startPostgres();
    let stopped = false;
    try {
      expect(cluster.url).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      expect(existsSync(cluster.dir)).toBe(true);

      const rows = await queryOnce<{ one: number; zone: string }>(
        cluster.url,
        "select 1 as one, current_setting('TimeZone') as zone"
      );
      expect(rows).toEqual([{ one: 1, zone: 'UTC' }]);

      await cluster.stop();
      stopped = true;
      expect(existsSync(cluster.dir)).toBe(false);
      await expect(queryOnce(cluster.url, 'select 1')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      if (!stopped) {
        await cluster.stop();
      }
    }
  }, 120_000);
});
