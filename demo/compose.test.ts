import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

const ROOT = join(__dirname, '..');

/** The published ports of each service of a compose file; `!override` (compose 2.24) replaces an extended list. */
function publishedPorts(file: string): Record<string, { ports: string[]; override: boolean }> {
  const document = parseDocument(readFileSync(join(ROOT, file), 'utf8'));
  const services = document.toJS().services as Record<string, { ports?: string[] }>;
  return Object.fromEntries(
    Object.entries(services).map(([name, service]) => {
      const node = document.getIn(['services', name, 'ports'], true) as { tag?: string } | undefined;
      return [name, { ports: (service.ports ?? []).map(String), override: node?.tag === '!override' }];
    })
  );
}

test('the demo publishes every port on 127.0.0.1 only, Grafana included', () => {
  const services = publishedPorts('docker-compose.yml');
  expect(Object.keys(services)).toEqual(expect.arrayContaining(['grafana', 'prometheus', 'exporter']));
  for (const { ports } of Object.values(services)) {
    ports.forEach((port) => expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+(\/tcp)?$/));
  }
  // Grafana's service extends the create-plugin base file, whose 3000:3000 would otherwise be merged in.
  expect(services.grafana).toEqual({ ports: ['127.0.0.1:3000:3000/tcp'], override: true });
  expect(services.prometheus.ports).toEqual(['127.0.0.1:9090:9090']);
  expect(services.exporter.ports).toEqual(['127.0.0.1:9464:9464']);
});

describe('the shop database in docker-compose.yml', () => {
  interface Service {
    image?: string;
    ports?: string[];
    command?: string[];
    volumes?: string[];
    environment?: Record<string, string>;
    depends_on?: Record<string, { condition: string }>;
  }
  const services = parseDocument(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')).toJS().services as Record<
    string,
    Service
  >;
  const SHOP_URL = 'postgresql://postgres@postgres:5432/shop';

  test('is PostgreSQL 15 at a pinned patch version, unreachable from outside the compose network', () => {
    expect(services.postgres.image).toMatch(/^postgres:15\.\d+-bookworm$/);
    expect(services.postgres.ports).toBeUndefined();
    expect(services.postgres.environment).toEqual({ POSTGRES_DB: 'shop', POSTGRES_HOST_AUTH_METHOD: 'trust' });
  });

  test('creates the schema the tests and the local demo use, then Grafana’s read-only role', () => {
    expect(services.postgres.volumes).toEqual(
      expect.arrayContaining([
        './demo/shop/schema.sql:/docker-entrypoint-initdb.d/01-schema.sql:ro',
        './demo/shop/grafana-role.sql:/docker-entrypoint-initdb.d/02-grafana-role.sql:ro',
      ])
    );
    for (const file of ['demo/shop/schema.sql', 'demo/shop/grafana-role.sql']) {
      expect(readFileSync(join(ROOT, file), 'utf8')).toContain('shop');
    }
  });

  test('writes the shop’s history after the Prometheus history, whose end it shares, and before the live writer', () => {
    const history = services['shop-history'];
    expect(history.command?.slice(3)).toEqual([
      '/app/demo/shopHistory.ts',
      '--postgres',
      SHOP_URL,
      '--state',
      '/demo-history/state.json',
    ]);
    expect(history.depends_on).toEqual({
      history: { condition: 'service_completed_successfully' },
      postgres: { condition: 'service_healthy' },
    });
    expect(services.exporter.command?.slice(-2)).toEqual(['--postgres', SHOP_URL]);
    expect(services.exporter.depends_on?.['shop-history']).toEqual({ condition: 'service_completed_successfully' });
    expect(services.grafana.depends_on?.postgres).toEqual({ condition: 'service_healthy' });
  });
});
