import fs from 'fs';
import path from 'path';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import { globSync } from 'glob';
import type { Configuration } from 'webpack';
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

const config = async (env: Env): Promise<Configuration> => {
  const baseConfig = await grafanaConfig(env);
  const patterns = nestedPluginLogoPatterns();

  return {
    ...baseConfig,
    plugins: [...(baseConfig.plugins ?? []), ...(patterns.length > 0 ? [new CopyWebpackPlugin({ patterns })] : [])],
  };
};

export default config;
