import type { AlertPolicySpec } from './kpi/model';

/**
 * AppSettings knows what the app keeps in its plugin settings (`jsonData` of
 * `/api/plugins/northstar-kpi-app/settings`). The catalog fields (`catalog`, `revision`, DESIGN §4) join it
 * with the catalog store; whoever saves settings keeps the fields it does not own.
 */
// A type alias, not an interface: AppPlugin<T extends KeyValue> needs the implicit index signature.
export type AppSettings = {
  /** Data source that new KPIs use unless they name their own. */
  defaultDatasourceUid?: string;
  /** Its type ("prometheus"); the uid alone does not say which query language the editor offers. */
  defaultDatasourceType?: string;
  /** The burn-rate policy a new KPI starts with. */
  defaultAlerting?: AlertPolicySpec;
  /** Set by a provisioning file: the settings, catalog included, are read-only in the UI. */
  provisioned?: boolean;
};
