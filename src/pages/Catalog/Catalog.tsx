import React, {
  memo,
  startTransition,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { locationService, PluginPage } from '@grafana/runtime';
import { Button, EmptyState, LinkButton, RadioButtonGroup, RefreshPicker, Stack, Text } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import type { CatalogKpi } from '../../kpi/model';
import { canEditCatalog } from '../../utils/permissions';
import { kpiEditorUrl } from '../../utils/utils.routing';
import { BrokenKpisAlert } from '../common/BrokenKpisAlert';
import { CatalogLoadStatus } from '../../components/catalog/CatalogLoadStatus';
import { downloadText } from '../../utils/browserFiles';
import { ProvisionedNotice } from '../../components/catalog/ProvisionedNotice';
import { useCatalog } from '../../components/catalog/useCatalog';
import { CatalogFiltersBar } from './CatalogFiltersBar';
import { CatalogTable } from './CatalogTable';
import { CatalogTree } from './CatalogTree';
import {
  filterOptions,
  filtersFromUrl,
  filtersToUrl,
  hasFilters,
  isEvaluated,
  kpisMatching,
  rowsAmong,
  searchText,
  sortedCatalogRows,
  withoutFilters,
  type CatalogFilters,
  type SortKey,
} from './catalogView';
import { useCatalogStatus } from './useCatalogStatus';
import { useRefreshTick } from './useRefreshTick';

type CatalogViewKind = 'list' | 'tree';
const VIEW_OPTIONS: Array<{ label: string; value: CatalogViewKind; icon: 'list-ul' | 'sitemap' }> = [
  { label: 'List', value: 'list', icon: 'list-ul' },
  { label: 'Tree', value: 'tree', icon: 'sitemap' },
];
const viewFromUrl = (search: string): CatalogViewKind =>
  new URLSearchParams(search).get('view') === 'tree' ? 'tree' : 'list';

const REFRESH_INTERVALS = ['30s', '1m', '5m', '15m', '30m', '1h'];
const DEFAULT_REFRESH = '1m';
/**
 * The filters reach the URL once they have not changed for this long: each write is a history.replaceState,
 * which cost more than the rest of a keystroke together (docs/benchmarks.md).
 */
const URL_SETTLE_MS = 300;

/** The KPI catalog (app root): every KPI with its live status, filtered and sorted through the URL. */
function Catalog() {
  const { load } = useCatalog();
  const canEdit = canEditCatalog();

  if (load.status !== 'loaded') {
    return (
      <CatalogPage>
        <CatalogLoadStatus load={load} />
      </CatalogPage>
    );
  }
  const { catalog, broken, provisioned } = load.catalog;
  // The YAML library loads on the first export, not with the page.
  const exportYaml = () =>
    import('../../data/catalogYaml').then(({ catalogToYaml }) =>
      downloadText('northstar-catalog.yaml', catalogToYaml(catalog))
    );
  const actions = (
    <Stack direction="row" gap={1}>
      <Button variant="secondary" icon="download-alt" onClick={exportYaml} data-testid={testIds.catalog.exportYaml}>
        Export YAML
      </Button>
      {canEdit && !provisioned && (
        <LinkButton icon="plus" href={kpiEditorUrl()} data-testid={testIds.catalog.addKpi}>
          Add KPI
        </LinkButton>
      )}
    </Stack>
  );
  return (
    <CatalogPage actions={actions}>
      {provisioned && <ProvisionedNotice onExport={exportYaml} />}
      <BrokenKpisAlert broken={broken} />
      {catalog.kpis.length === 0 ? <NoKpis canEdit={canEdit && !provisioned} /> : <CatalogView kpis={catalog.kpis} />}
    </CatalogPage>
  );
}

function CatalogPage({ actions, children }: { actions?: React.ReactNode; children: React.ReactNode }) {
  return (
    <PluginPage
      subTitle="KPIs: metrics from your data sources with a target, a context and a timeframe"
      actions={actions}
    >
      <div data-testid={testIds.catalog.container}>
        <Stack direction="column" gap={2}>
          {children}
        </Stack>
      </div>
    </PluginPage>
  );
}

/** Memoised: the URL changing under the page (each filter change writes it) does not re-render the catalog. */
const CatalogView = memo(function CatalogView({ kpis }: { kpis: readonly CatalogKpi[] }) {
  const [filters, setFilters] = useState<CatalogFilters>(() =>
    filtersFromUrl(new URLSearchParams(locationService.getLocation().search))
  );
  // Every change goes through changeFilters, which keeps this current: its callbacks stay the same between keys.
  const latestFilters = useRef(filters);
  const [refresh, setRefresh] = useState(
    () => new URLSearchParams(locationService.getLocation().search).get('refresh') ?? DEFAULT_REFRESH
  );
  const { tick, refreshNow } = useRefreshTick(refresh);
  const [view, setView] = useState<CatalogViewKind>(() => viewFromUrl(locationService.getLocation().search));

  // Reviews are due by the day: the moment the page opened judges them.
  const [nowMs] = useState(() => Date.now());
  const haystacks = useMemo(() => new Map(kpis.map((kpi) => [kpi.id, searchText(kpi)])), [kpis]);
  const options = useMemo(() => filterOptions(kpis), [kpis]);

  // The search box repaints at once; the table follows as soon as React has time (a keystroke never waits for
  // the rows). Which KPIs the filters let through is decided without live results; only those are evaluated.
  const shown = useDeferredValue(filters);
  const candidates = useMemo(() => kpisMatching(kpis, shown, haystacks, nowMs), [kpis, shown, haystacks, nowMs]);
  // The tree shows the whole catalog: a filter would cut drivers out of their goals' trees.
  const evaluated = useMemo(() => (view === 'tree' ? kpis : candidates).filter(isEvaluated), [view, kpis, candidates]);
  const status = useCatalogStatus(evaluated, tick, kpis);
  // Sorted once per answer or sort; a keystroke only filters the sorted rows, so unchanged rows keep their objects.
  const sorted = useMemo(
    () => sortedCatalogRows(kpis, status.results, shown.sort, shown.descending),
    [kpis, status.results, shown.sort, shown.descending]
  );
  const matching = useMemo(() => new Set(candidates), [candidates]);
  const rows = useMemo(() => rowsAmong(sorted, matching, shown), [sorted, matching, shown]);

  const changeFilters = useCallback((change: Partial<CatalogFilters>) => {
    latestFilters.current = { ...latestFilters.current, ...change };
    setFilters(latestFilters.current);
  }, []);
  const writtenToUrl = useRef(filters);
  useEffect(() => {
    if (filters === writtenToUrl.current) {
      return;
    }
    const timer = setTimeout(() => {
      writtenToUrl.current = filters;
      // Whatever the host re-renders for the new URL waits behind any input.
      startTransition(() => locationService.partial(filtersToUrl(filters), true));
    }, URL_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [filters]);
  const sortBy = useCallback(
    (key: SortKey) => {
      const { sort, descending } = latestFilters.current;
      changeFilters({ sort: key, descending: sort === key && !descending });
    },
    [changeFilters]
  );
  const changeRefresh = useCallback((interval: string) => {
    setRefresh(interval);
    locationService.partial({ refresh: interval === DEFAULT_REFRESH ? null : interval || 'off' }, true);
  }, []);

  const changeView = useCallback((next: CatalogViewKind) => {
    setView(next);
    locationService.partial({ view: next === 'tree' ? 'tree' : null }, true);
  }, []);

  return (
    <>
      <Stack direction="row" justifyContent="space-between" alignItems="flex-end" wrap="wrap">
        <Stack direction="row" gap={2} alignItems="flex-end" wrap="wrap">
          <ViewSwitch view={view} onChange={changeView} />
          {view === 'list' && (
            <CatalogFiltersBar
              filters={filters}
              clearable={hasFilters(shown)}
              options={options}
              onChange={changeFilters}
            />
          )}
        </Stack>
        <CountAndRefresh
          count={view === 'tree' ? `${kpis.length} KPIs` : `${rows.length} of ${kpis.length} KPIs`}
          refresh={refresh}
          onRefreshChange={changeRefresh}
          onRefresh={refreshNow}
          loading={status.loading}
        />
      </Stack>
      {view === 'tree' ? (
        <CatalogTree kpis={kpis} results={status.results} />
      ) : rows.length === 0 && hasFilters(shown) ? (
        <EmptyState variant="not-found" message="No KPIs match these filters">
          <Button variant="secondary" onClick={() => changeFilters(withoutFilters(filters))}>
            Clear filters
          </Button>
        </EmptyState>
      ) : (
        <CatalogTable rows={rows} sort={shown.sort} descending={shown.descending} onSort={sortBy} nowMs={nowMs} />
      )}
    </>
  );
});

/*
 * The parts around the search box are memoised with stable props: a keystroke re-renders the box at once and
 * everything else when the filtered rows follow (useDeferredValue), never both in the key's own frame.
 */
const ViewSwitch = memo(function ViewSwitch({
  view,
  onChange,
}: {
  view: CatalogViewKind;
  onChange: (view: CatalogViewKind) => void;
}) {
  return (
    <div data-testid={testIds.kpiTree.viewSwitch}>
      <RadioButtonGroup options={VIEW_OPTIONS} value={view} onChange={onChange} />
    </div>
  );
});

const CountAndRefresh = memo(function CountAndRefresh({
  count,
  refresh,
  onRefreshChange,
  onRefresh,
  loading,
}: {
  count: string;
  refresh: string;
  onRefreshChange: (interval: string) => void;
  onRefresh: () => void;
  loading: boolean;
}) {
  return (
    <Stack direction="row" gap={1} alignItems="center">
      <Text color="secondary" variant="bodySmall">
        {count}
      </Text>
      <RefreshPicker
        value={refresh === 'off' ? '' : refresh}
        intervals={REFRESH_INTERVALS}
        onIntervalChanged={onRefreshChange}
        onRefresh={onRefresh}
        isLoading={loading}
        tooltip="Evaluate the KPIs now"
      />
    </Stack>
  );
});

function NoKpis({ canEdit }: { canEdit: boolean }) {
  return (
    <EmptyState
      variant="call-to-action"
      message="No KPIs yet"
      button={
        canEdit ? (
          <LinkButton icon="plus" href={kpiEditorUrl()} data-testid={testIds.catalog.addFirstKpi}>
            Add a KPI
          </LinkButton>
        ) : undefined
      }
    >
      <Text element="p">
        A KPI is a metric from one of your data sources with a target, an owner and a timeframe. Add one in the editor
        (org admins), or keep the catalog as code: validate it with <code>northstar validate</code> and provision it
        with <code>northstar provisioning catalog.yaml -o provisioning/plugins/app.yaml</code>.
      </Text>
    </EmptyState>
  );
}

export default Catalog;
