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
