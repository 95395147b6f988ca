/**
 * The plugin host as a command, for the demo and for trying the plugin in a browser:
 *
 *   npx tsx e2e/host/main.ts --port 3000 --prometheus http://127.0.0.1:9090 --state-dir DIR [--catalog FILE]
 *
 * Prints the URLs and runs until Ctrl-C. Startup problems (port taken, plugin not built, bad catalog) are one
 * line on stderr and exit code 1.
 */
import { Command, InvalidArgumentError } from 'commander';
import { APP_BASE_PATH, PANEL_PAGE_PATH, PLUGIN_CONFIG_PATH, SCENARIOS_API_PATH } from './hostContract';
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
    .showHelpAfterError()
    .parse(argv);
  const options = program.opts<{
    port: number;
    host: string;
    prometheus: string;
    scrapeInterval: string;
    stateDir: string;
    catalog?: string;
  }>();
  return {
    port: options.port,
    host: options.host,
    prometheusUrl: options.prometheus,
    scrapeInterval: options.scrapeInterval,
    stateDir: options.stateDir,
    catalogFile: options.catalog,
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
  console.log(
    `Northstar KPI plugin host on ${url} (Prometheus ${options.prometheusUrl}, state in ${options.stateDir})`
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
