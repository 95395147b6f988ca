import { config } from '@grafana/runtime';

/**
 * Who may change the catalog (DESIGN §4): org Admins, or users granted the plugin's write permission. Only hides
 * controls: the settings API refuses everyone else's saves anyway (403).
 */
export function canEditCatalog(): boolean {
  const user = config.bootData?.user;
  return user?.orgRole === 'Admin' || user?.permissions?.['plugins:write'] === true;
}
