/**
 * The plugin host as a command, for the demo and for trying the plugin in a browser:
 *
 *   npx tsx e2e/host/main.ts --port 3000 --prometheus http://127.0.0.1:9090 --state-dir DIR [--catalog FILE]
 *     [--postgres postgresql://user@host:5432/db] [--service-account-token TOKEN [--service-account-role Viewer]]
 *
 * Prints the URLs and runs until Ctrl-C. Startup problems (port taken, plugin not built, bad catalog) are one
 * line on stderr and exit code 1.
 */
import { Command, InvalidArgumentError } from 'commander';
import {
  APP_BASE_PATH,
  ORG_ROLES,
  PANEL_PAGE_PATH,
  PLUGIN_CONFIG_PATH,
  SCENARIOS_API_PATH,
  type OrgRole,
} from './hostContract';
import { SCENARIOS } from './scenarios';
import { PluginsNotBuiltError } from './server/installedPlugins';
import { CatalogSeedError, PortInUseError, startHost, type HostOptions } from './startHost';

function portNumber(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  }
  return port;
}

function orgRole(text: string): OrgRole {
  const role = ORG_ROLES.find((candidate) => candidate === text);
  if (!role) {
    throw new InvalidArgumentError(`a role is one of ${ORG_ROLES.join(', ')}`);
  }
  return role;
}

function parseOptions(argv: string[]): HostOptions {
  const program = new Command()
    .name('npx tsx e2e/host/main.ts')
    .description('Serve the built Northstar KPI plugin the way Grafana does, with data from a real Prometheus')
    .option('--port <port>', 'port to listen on (0 picks a free one)', portNumber, 3000)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option(
      '--prometheus <url>',
      'Prometheus behind the "Prometheus" data source (uid prometheus)',
      'http://127.0.0.1:9090'
    )
    .option('--scrape-interval <duration>', "the data source's scrape interval", '1m')
    .requiredOption('--state-dir <dir>', 'where app settings, dashboards and folders are kept between runs')
    .option(
      '--catalog <file>',
      "catalog YAML that becomes the app's jsonData.catalog when the state dir has no settings"
    )
    .option(
      '--history <file>',
      "earlier published versions of the catalog's KPIs (a YAML stream of catalogs), seeded with --catalog"
    )
    .option(
      '--postgres <url>',
      'PostgreSQL behind a "PostgreSQL" data source (type grafana-postgresql-datasource, uid postgres), as postgresql://user[:password]@host:port/database'
    )
    .option('--service-account-token <token>', 'accept API requests with "Authorization: Bearer <token>"')
    .option(
      '--service-account-role <role>',
      "the service account's org role: Viewer, Editor or Admin",
      orgRole,
      'Viewer'
    )
    .showHelpAfterError()
    .parse(argv);
  const options = program.opts<{
    port: number;
    host: string;
    prometheus: string;
    scrapeInterval: string;
    stateDir: string;
    catalog?: string;
    history?: string;
    postgres?: string;
    serviceAccountToken?: string;
    serviceAccountRole: OrgRole;
  }>();
  return {
    port: options.port,
    host: options.host,
    prometheusUrl: options.prometheus,
    scrapeInterval: options.scrapeInterval,
    stateDir: options.stateDir,
    catalogFile: options.catalog,
    historyFile: options.history,
    postgresUrl: options.postgres,
    serviceAccount:
      options.serviceAccountToken === undefined
        ? undefined
        : { token: options.serviceAccountToken, role: options.serviceAccountRole },
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv);
  let host;
  try {
    host = await startHost(options);
  } catch (error) {
    if (error instanceof PortInUseError || error instanceof PluginsNotBuiltError) {
      console.error(`error: ${error.message}`);
    } else if (error instanceof CatalogSeedError) {
      console.error(`error: the catalog ${options.catalogFile} is not valid:\n${error.message}`);
    } else {
      console.error(`error: the plugin host did not start: ${(error as Error).message}`);
    }
    process.exit(1);
  }
  const { url } = host;
  const postgres = options.postgresUrl === undefined ? '' : `, PostgreSQL ${new URL(options.postgresUrl).host}`;
  console.log(
    `Northstar KPI plugin host on ${url} (Prometheus ${options.prometheusUrl}${postgres}, state in ${options.stateDir})`
  );
  console.log(`  App:             ${url}${APP_BASE_PATH}`);
  console.log(`  Configuration:   ${url}${PLUGIN_CONFIG_PATH}`);
  for (const scenario of SCENARIOS) {
    console.log(`  Panel:           ${url}${PANEL_PAGE_PATH}?scenario=${scenario.name}`);
  }
  console.log(`  Scenarios (API): ${url}${SCENARIOS_API_PATH}`);
  console.log(
    'Add ?role=Viewer|Editor|Admin and &theme=dark|light to a page URL to sign in differently. Ctrl-C stops.'
  );
  const stop = () => void host.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
