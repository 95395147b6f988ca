import { config } from '@grafana/runtime';

/**
 * Who may change the catalog (DESIGN §4): org Admins, or users granted the plugin's write permission. Only hides
 * controls: the settings API refuses everyone else's saves anyway (403).
 */
export function canEditCatalog(): boolean {
  const user = config.bootData?.user;
  return user?.orgRole === 'Admin' || user?.permissions?.['plugins:write'] === true;
}

/** The signed-in user's Grafana login, which check-ins and reviews record. */
export function currentUserLogin(): string {
  return config.bootData?.user?.login || 'unknown';
}

/**
 * Who may add a check-in: whoever may write the app's settings, where notes are stored; an owner needs that
 * permission too (Grafana refuses the write otherwise), so the KPI's owner is not enough on its own.
 */
export function canAddCheckIn(): boolean {
  return canEditCatalog();
}
