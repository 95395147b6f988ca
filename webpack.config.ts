import fs from 'fs';
import path from 'path';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import { globSync } from 'glob';
import type { Configuration, RuleSetRule } from 'webpack';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config';
import { SOURCE_DIR } from './.config/bundler/constants';

// The scaffold copies only the app's own logos; nested plugins (src/panels/kpi) name logos relative to their
// own folder, so copy those too or Grafana shows a broken image for the panel.
function nestedPluginLogoPatterns() {
  const sourceDir = path.resolve(process.cwd(), SOURCE_DIR);
  return globSync('*/**/plugin.json', { cwd: sourceDir }).flatMap((pluginJsonPath) => {
    const folder = path.dirname(pluginJsonPath);
    const { info } = JSON.parse(fs.readFileSync(path.join(sourceDir, pluginJsonPath), 'utf8'));
    const logos = new Set<string>([info?.logos?.small, info?.logos?.large].filter(Boolean));
    return Array.from(logos, (logo) => ({ from: path.join(folder, logo), to: path.join(folder, logo) }));
  });
}

/**
 * The rooms src/kpi and src/reading are pure (no module does anything when imported), and code outside a room
 * imports only its index. Saying so lets webpack leave out the modules behind an index that supply nothing used: the
 * panel's options import the panel defaults from src/reading's index, which otherwise drags the whole engine and zod
 * into the panel's module.js, a second copy of what the app's chunks hold.
 */
const PURE_ROOMS = { test: /[\\/]src[\\/](kpi|reading)[\\/].*\.ts$/, sideEffects: false };

/**
 * The engine and the catalog store in one chunk that the app's pages and the lazy panel share. Left to itself,
 * splitChunks first gives the pages their own copy (the larger group) and then the panel a second one.
 * src/kpi/rules stays out: only creating alert rules and dashboards needs it.
 */
const SHARED_ENGINE = {
  name: 'engine',
  test: /[\\/]src[\\/](reading[\\/]|kpi[\\/](?!rules[\\/])|data[\\/](catalogStore|loadAppCatalog|pluginSettings|fetchErrors|storedSize)\.ts$)/,
  chunks: 'async' as const,
  priority: 20,
  enforce: true,
};

/**
 * The same for every other module of ours that two or more lazy chunks use (test ids, formatting, the pills, a
 * page's section that another page shows too): each ships once, whichever pages come to share it.
 */
const SHARED_COMMON = {
  name: 'common',
  test: /[\\/]src[\\/]/,
  chunks: 'async' as const,
  minChunks: 2,
  priority: 10,
  enforce: true,
};

/**
 * The scaffold compiles our code down to ES2015, which spells out every object spread, optional chain and class field
 * with helpers inlined in each module: about 12 KB of the plugin's gzipped JavaScript. Grafana 13 cannot run where
 * ES2022 does not: its own @grafana/ui and @grafana/data ship optional chaining and static class fields untranspiled,
 * so no browser that runs Grafana gains anything from the older syntax.
 */
const SYNTAX_TARGET = 'es2022';

interface SwcUse {
  loader?: string;
  options?: { jsc?: object };
}

function withSyntaxTarget<Rule>(rule: Rule): Rule {
  const use = (rule as RuleSetRule | undefined)?.use as SwcUse | undefined;
  if (use?.loader !== 'swc-loader') {
    return rule;
  }
  const options = { ...use.options, jsc: { ...use.options?.jsc, target: SYNTAX_TARGET } };
  return { ...rule, use: { ...use, options } };
}

const config = async (env: Env): Promise<Configuration> => {
  const baseConfig = await grafanaConfig(env);
  const patterns = nestedPluginLogoPatterns();

  return {
    ...baseConfig,
    module: {
      ...baseConfig.module,
      rules: [...(baseConfig.module?.rules ?? []).map(withSyntaxTarget), PURE_ROOMS],
    },
    optimization: {
      ...baseConfig.optimization,
      splitChunks: { cacheGroups: { engine: SHARED_ENGINE, common: SHARED_COMMON } },
    },
    plugins: [...(baseConfig.plugins ?? []), ...(patterns.length > 0 ? [new CopyWebpackPlugin({ patterns })] : [])],
  };
};

export default config;
