import { AppPlugin } from '@grafana/data';
import { LazyApp } from './components/App/LazyApp';
import { LazyAppConfig } from './components/AppConfig/LazyAppConfig';
import type { AppSettings } from './types';

export const plugin = new AppPlugin<AppSettings>().setRootPage(LazyApp).addConfigPage({
  title: 'Configuration',
  icon: 'cog',
  body: LazyAppConfig,
  id: 'configuration',
});
