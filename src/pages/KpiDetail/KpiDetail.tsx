import React, { useState } from 'react';
import { css } from '@emotion/css';
import { useParams } from 'react-router-dom';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, Button, EmptyState, LinkButton, Stack, TextLink, useStyles2 } from '@grafana/ui';
import { CreateActions } from './CreateActions';
import { StatusPill } from '../../components/StatusPill';
import { testIds } from '../../components/testIds';
import { ROUTES } from '../../constants';
import { dashboardKindsOf, inCatalogOnCallView } from '../../dashboards/generate';
import { CATALOG_ONCALL_UID, dashboardPath, kpiDashboardUid, type DashboardKind } from '../../dashboards/uid';
import { statusReason } from '../../panels/kpi/display';
import { isCompositeKpi, isSourcedSlo, isValueKpi, type CatalogKpi } from '../../kpi/model';
import { exploreUrl } from '../../utils/exploreUrl';
import { canAddCheckIn, canEditCatalog, currentUserLogin, isOrgAdmin } from '../../utils/permissions';
import { checkInsOf } from '../../kpi/catalog';
import { CheckInsSection } from './CheckInsSection';
import { ReviewSection } from './ReviewSection';
import { useCheckIns } from '../common/useCheckIns';
import { useUserTeams } from '../common/useUserTeams';
import { useAnnotationScopes } from '../common/useAnnotationScopes';
import { kpiEditorUrl, prefixRoute } from '../../utils/utils.routing';
import { BrokenKpisAlert } from '../common/BrokenKpisAlert';
import { CatalogLoadStatus } from '../../components/catalog/CatalogLoadStatus';
import { KpiLiveSection } from '../common/KpiLiveSection';
import { ProvisionedNotice } from '../../components/catalog/ProvisionedNotice';
import { useCatalog } from '../../components/catalog/useCatalog';
import { useLiveLoad } from '../common/useLiveLoad';
import { fetchKpiEvaluation } from '../../data/kpiRangeQuery';
import { fetchValueReading } from '../../data/valueRangeQuery';
import { versionsOf } from '../common/versions';
import { useCompositeLiveEvaluation } from '../common/useCompositeLiveEvaluation';
import { CompositeLiveSection } from './CompositeLiveSection';
import { KpiDefinitionView } from './KpiDefinitionView';
import { KpiDrivers } from './KpiDrivers';
import { ValueLiveSection } from './ValueLiveSection';
import { VersionHistory } from './VersionHistory';
import { MissingFeaturesNote } from '../../components/MissingFeaturesNote';
import { cardStyle } from '../common/cardStyle';

/** The generated dashboards exist once an admin created them (button below); the links say which is which. */
/** The dashboard an alert rule links to: the KPI's on-call view, or its executive view where it has no other. */
function alertDashboardKind(kpi: CatalogKpi): DashboardKind {
  return dashboardKindsOf(kpi).includes('oncall') ? 'oncall' : 'executive';
}

const DASHBOARD_TITLES: Record<DashboardKind, string> = { executive: 'Executive', oncall: 'On-call', debug: 'Debug' };

const NO_KPIS: CatalogKpi[] = [];

/** One KPI (`kpi/:id`): its definition, live burn rates and budget, and every version with their differences. */
function KpiDetail() {
  const s = useStyles2(getStyles);
  const { id = '' } = useParams<{ id: string }>();
  const { load, save, reload } = useCatalog();
  const checkIns = useCheckIns();
  const teams = useUserTeams(!isOrgAdmin());
  const annotationScopes = useAnnotationScopes(!isOrgAdmin());
  const [refreshKey, setRefreshKey] = useState(0);
  const catalogKpis = load.status === 'loaded' ? load.catalog.catalog.kpis : NO_KPIS;
  const kpi = catalogKpis.find((k) => k.id === id) ?? null;
  const evaluated = kpi?.status === 'published' ? kpi : null;
  const live = useLiveLoad(evaluated && isSourcedSlo(evaluated) ? evaluated : null, fetchKpiEvaluation, refreshKey);
  const compositeLive = useCompositeLiveEvaluation(
    evaluated && isCompositeKpi(evaluated) ? evaluated : null,
    catalogKpis,
    refreshKey
  );
  const valueLive = useLiveLoad(evaluated && isValueKpi(evaluated) ? evaluated : null, fetchValueReading, refreshKey);

  const page = (children: React.ReactNode, actions?: React.ReactNode) => (
    <PluginPage pageNav={{ text: kpi?.name ?? id }} actions={actions}>
      <div data-testid={testIds.kpiDetail.container}>
        <Stack direction="column" gap={2}>
          {children}
        </Stack>
      </div>
    </PluginPage>
  );

  if (load.status !== 'loaded') {
    return page(<CatalogLoadStatus load={load} loadingText="Loading the KPI…" />);
  }
  const { broken, history, provisioned } = load.catalog;
  if (!kpi) {
    return page(
      <>
        <BrokenKpisAlert broken={broken.filter((entry) => entry.id === id)} />
        <EmptyState
          variant="not-found"
          message={`No KPI "${id}" in the catalog`}
          button={
            <LinkButton
              variant="secondary"
              icon="arrow-left"
              href={prefixRoute(ROUTES.Catalog)}
              data-testid={testIds.kpiDetail.backToCatalog}
            >
              Back to the catalog
            </LinkButton>
          }
        />
      </>
    );
  }

  const notes = checkIns.load.status === 'loaded' ? checkInsOf(checkIns.load.checkIns, kpi.id) : [];
  const isAdmin = canEditCatalog();
  const canEdit = isAdmin && !provisioned;
  const actions = (
    <Stack direction="row" gap={1}>
      <Button
        variant="secondary"
        icon="sync"
        onClick={() => setRefreshKey((k) => k + 1)}
        disabled={kpi.status !== 'published'}
      >
        Refresh
      </Button>
      {isSourcedSlo(kpi) && (
        <LinkButton variant="secondary" icon="compass" href={exploreUrl(kpi)} data-testid={testIds.kpiDetail.explore}>
          Open in Explore
        </LinkButton>
      )}
      {canEdit && (
        <LinkButton icon="pen" href={kpiEditorUrl(kpi.id)} data-testid={testIds.kpiDetail.edit}>
          Edit
        </LinkButton>
      )}
    </Stack>
  );

  return page(
    <>
      {provisioned && <ProvisionedNotice />}
      <Stack direction="row" gap={1} alignItems="center">
        {live.status === 'done' && live.value.ok && (
          <StatusPill status={live.value.value.evaluation.status} reason={statusReason(live.value.value)} />
        )}
        {valueLive.status === 'done' && (
          <StatusPill
            status={valueLive.value.evaluation.status}
            kind="value"
            reason={valueLive.value.evaluation.reason}
          />
        )}
        <span className={s.secondary}>
          {kpi.id} · version {kpi.version} · {kpi.status}
        </span>
      </Stack>
      <MissingFeaturesNote datasourceType={kpi.datasource?.type} />
      {/* An executive opens a business KPI for its number: it leads, the definition follows. */}
      {isValueKpi(kpi) && kpi.status === 'published' && (
        <ValueLiveSection kpi={kpi} live={valueLive} checkIns={notes} />
      )}
      <KpiDrivers kpi={kpi} catalogKpis={catalogKpis} live={live} valueLive={valueLive} refreshKey={refreshKey} />
      <section className={s.card} aria-label="Definition">
        <KpiDefinitionView kpi={kpi} />
      </section>
      {kpi.review && (
        <section className={s.card} aria-label="Review">
          <ReviewSection
            kpi={kpi}
            canMark={isAdmin}
            provisioned={provisioned}
            login={currentUserLogin()}
            save={save}
            reload={reload}
          />
        </section>
      )}
      <section className={s.card} aria-label="Dashboards and alerts">
        <Stack direction="column" gap={2}>
          <Stack direction="row" gap={1} wrap="wrap" alignItems="center">
            <span className={s.secondary}>Dashboards:</span>
            {dashboardKindsOf(kpi).map((kind) => (
              <TextLink key={kind} href={dashboardPath(kpiDashboardUid(kpi.id, kind))} inline={false}>
                {DASHBOARD_TITLES[kind]}
              </TextLink>
            ))}
            {inCatalogOnCallView(kpi) && (
              <TextLink
                href={`${dashboardPath(CATALOG_ONCALL_UID)}?var-kpi=${encodeURIComponent(kpi.id)}`}
                inline={false}
              >
                On-call, every KPI
              </TextLink>
            )}
          </Stack>
          {isAdmin && (
            <CreateActions
              kpi={kpi}
              catalogKpis={catalogKpis}
              dashboardUrl={dashboardPath(kpiDashboardUid(kpi.id, alertDashboardKind(kpi)))}
            />
          )}
        </Stack>
      </section>
      {kpi.status === 'published' ? (
        isValueKpi(kpi) ? null : isCompositeKpi(kpi) ? (
          <CompositeLiveSection kpi={kpi} live={compositeLive} />
        ) : (
          <KpiLiveSection live={live} checkIns={notes} />
        )
      ) : (
        <Alert severity="info" title={`This KPI is ${kpi.status === 'draft' ? 'a draft' : 'retired'}`}>
          {kpi.status === 'draft'
            ? 'Drafts are not evaluated or alerted on. Publish it in the editor, or preview it there.'
            : 'Retired KPIs keep their history but are no longer evaluated.'}
        </Alert>
      )}
      <section className={s.card} aria-label="Check-ins">
        <h3>Check-ins</h3>
        <CheckInsSection
          kpiId={kpi.id}
          load={checkIns.load}
          notes={notes}
          permission={canAddCheckIn(kpi.owner, teams, annotationScopes)}
          onAdd={(draft) => checkIns.add(kpi.id, draft, currentUserLogin())}
        />
      </section>
      <section className={s.card} aria-label="Version history">
        <h3>Version history</h3>
        <VersionHistory versions={versionsOf(history, kpi)} />
      </section>
    </>,
    actions
  );
}

export default KpiDetail;

const getStyles = (theme: GrafanaTheme2) => ({
  card: css(cardStyle(theme)),
  secondary: css({ color: theme.colors.text.secondary }),
});
