import type { CatalogKpi } from '../kpi/model';

/** AppCatalog knows the catalog's valid KPIs and why the others were left out. */
export interface AppCatalog {
  kpis: CatalogKpi[];
  /** `kpis[2] (checkout-availability).objective.target: must be between 0 and 1 (exclusive)` */
  problems: string[];
}

export type CatalogState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; catalog: AppCatalog }
  | { status: 'error'; message: string };
