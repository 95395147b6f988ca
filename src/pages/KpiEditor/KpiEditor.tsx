import React, { useCallback, useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { usePluginContext } from '@grafana/data';
import { locationService, PluginPage } from '@grafana/runtime';
import { Alert, Button, ConfirmModal, LinkButton, Stack } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { ROUTES } from '../../constants';
import type { LoadedCatalog } from '../../data/catalogStore';
import { diffKpis, nextVersionOf, takenIdProblem } from '../../kpi/catalog';
import { isCompositeKpi, isSourcedSlo, isValueKpi, type CatalogKpi } from '../../kpi/model';
import { CompositeLiveSection } from '../KpiDetail/CompositeLiveSection';
import { ValueLiveSection } from '../KpiDetail/ValueLiveSection';
import { useLiveLoad } from '../common/useLiveLoad';
import { fetchKpiEvaluation } from '../../data/kpiRangeQuery';
import { fetchValueReading } from '../../data/valueRangeQuery';
import { useCompositeLiveEvaluation } from '../common/useCompositeLiveEvaluation';
import type { AppSettings } from '../../types';
import { canEditCatalog } from '../../utils/permissions';
import { kpiDetailUrl, kpiEditorUrl, prefixRoute } from '../../utils/utils.routing';
import { CatalogLoadStatus } from '../../components/catalog/CatalogLoadStatus';
import { KpiLiveSection } from '../common/KpiLiveSection';
import { ProvisionedNotice } from '../../components/catalog/ProvisionedNotice';
import { StoredSizeNotice } from '../../components/catalog/StoredSizeNotice';
import { useCatalog, type UseCatalog } from '../../components/catalog/useCatalog';
import { useUnsavedChangesPrompt } from './useUnsavedChangesPrompt';
import { ConflictModal } from './ConflictModal';
import { KpiEditorForm } from './KpiEditorForm';
import { checkForm, emptyForm, formFromKpi, type KpiForm } from './kpiForm';
import { useKpiEditorSave, type SaveAction } from './useKpiEditorSave';

/** KPI editor (`edit` for a new KPI, `edit/:id` for an existing one), for org Admins on an editable catalog. */
function KpiEditor() {
  const { id } = useParams<{ id?: string }>();
  const catalog = useCatalog();
  const { load } = catalog;
  const title = id ? `Edit KPI "${id}"` : 'New KPI';
  // Above the load switch: a reload that fails, or a save that removed this KPI, must not lose what was typed.
  const [typed, setTyped] = useState<{ key: string; form: KpiForm }>();
  const typedForm = typed?.key === (id ?? '') ? typed.form : undefined;
  const setTypedForm = useCallback((form?: KpiForm) => setTyped(form && { key: id ?? '', form }), [id]);
  useUnsavedChangesPrompt(typedForm !== undefined);

  const page = (children: React.ReactNode) => (
    <PluginPage pageNav={{ text: title }}>
      <div data-testid={testIds.kpiEditor.container}>
        <Stack direction="column" gap={2}>
          {children}
        </Stack>
      </div>
    </PluginPage>
  );

  if (!canEditCatalog()) {
    return page(
      <Alert severity="info" title="Only org admins edit KPIs" data-testid={testIds.kpiEditor.readOnly}>
        Ask an org admin, or keep the catalog as code and provision it.
      </Alert>
    );
  }
  if (load.status !== 'loaded') {
    return page(
      <>
        <CatalogLoadStatus load={load} />
        {load.status === 'error' && (
          <Button variant="secondary" icon="sync" onClick={catalog.reload}>
            Try again
          </Button>
        )}
      </>
    );
  }
  if (load.catalog.provisioned) {
    return page(<ProvisionedNotice />);
  }
  const current = id ? load.catalog.catalog.kpis.find((kpi) => kpi.id === id) : undefined;
  if (id && !current) {
    return page(
      <Alert severity="error" title={`No KPI "${id}" in the catalog`}>
        It may have been removed. <a href={prefixRoute(ROUTES.Catalog)}>Back to the catalog</a>
        {typedForm && (
          <details open>
            <summary>Your unsaved changes, to copy</summary>
            <pre data-testid={testIds.kpiEditor.keptForm}>{JSON.stringify(typedForm, null, 2)}</pre>
          </details>
        )}
      </Alert>
    );
  }
  return page(
    <EditorBody
      catalog={catalog}
      loaded={load.catalog}
      current={current}
      typedForm={typedForm}
      onFormChange={setTypedForm}
    />
  );
}

interface BodyProps {
  catalog: UseCatalog;
  loaded: LoadedCatalog;
  current?: CatalogKpi;
  /** What the user typed, kept by the page; undefined while the form is as loaded. */
  typedForm?: KpiForm;
  onFormChange: (form?: KpiForm) => void;
}

function EditorBody({ catalog, loaded, current, typedForm, onFormChange }: BodyProps) {
  const settings = usePluginContext()?.meta.jsonData as AppSettings | undefined;
  const initial = useMemo(
    () =>
      current
        ? formFromKpi(current)
        : emptyForm(
            { type: settings?.defaultDatasourceType ?? 'prometheus', uid: settings?.defaultDatasourceUid ?? '' },
            settings?.defaultAlerting
          ),
    [current, settings]
  );
  const form = typedForm ?? initial;
  const [attempted, setAttempted] = useState(false);
  const [preview, setPreview] = useState<{ kpi: CatalogKpi; key: number }>();
  const [confirmRetire, setConfirmRetire] = useState(false);
  const { outcome, run, dismiss } = useKpiEditorSave(catalog);
  const previewed = preview?.kpi ?? null;
  const live = useLiveLoad(previewed && isSourcedSlo(previewed) ? previewed : null, fetchKpiEvaluation, preview?.key);
  const valueLive = useLiveLoad(previewed && isValueKpi(previewed) ? previewed : null, fetchValueReading, preview?.key);
  // A composite's members come from the catalog as it is, without the KPI being edited.
  const otherKpis = useMemo(
    () => loaded.catalog.kpis.filter((kpi) => kpi.id !== current?.id),
    [loaded.catalog.kpis, current]
  );
  const compositeLive = useCompositeLiveEvaluation(
    previewed && isCompositeKpi(previewed) ? previewed : null,
    otherKpis,
    preview?.key
  );

  const id = current?.id ?? form.id.trim();
  const nextVersion = nextVersionOf(loaded, id);
  const isDraft = !current || current.status === 'draft';
  const checkedForm = checkForm(form, nextVersion, 'draft', otherKpis);
  // A new KPI may not take an id the catalog, its history or a broken stored entry has: it would replace that KPI.
  const takenId = current ? undefined : takenIdProblem(loaded, id, brokenIds(loaded));
  const checked = takenId
    ? { ok: false as const, problems: [takenId, ...(checkedForm.ok ? [] : checkedForm.problems)] }
    : checkedForm;
  const problems = checked.ok ? [] : checked.problems;
  const unchanged = current?.status === 'published' && checked.ok && diffKpis(current, checked.kpi).length === 0;
  const saving = outcome.status === 'saving';

  const showPreview = () => {
    setAttempted(true);
    if (checked.ok) {
      setPreview({ kpi: { ...checked.kpi, status: 'published' }, key: (preview?.key ?? 0) + 1 });
    }
  };
  // A query editor's "Run queries" comes in the same event as its last change: the ask is previewed in the next
  // render, which has that change, not in this one (React's "adjust state while rendering").
  const [previewAsked, setPreviewAsked] = useState(0);
  const [previewAnswered, setPreviewAnswered] = useState(0);
  if (previewAsked !== previewAnswered) {
    setPreviewAnswered(previewAsked);
    showPreview();
  }

  const act = async (action: SaveAction) => {
    setAttempted(true);
    if (action !== 'retire' && !checked.ok) {
      return;
    }
    const saved = await run(action, action === 'retire' ? current! : (checked as { kpi: CatalogKpi }).kpi, !current);
    if (!saved) {
      return;
    }
    onFormChange(undefined);
    if (action === 'publish' || action === 'retire') {
      locationService.push(kpiDetailUrl(id));
    } else if (!current) {
      locationService.replace(kpiEditorUrl(id));
    }
  };

  // Theirs is on screen once the reload brought a revision other than ours (or the one the conflict named).
  const reloaded =
    outcome.status === 'conflict' &&
    (loaded.revision !== outcome.error.expectedRevision || loaded.revision === outcome.error.actualRevision);
  const theirs = reloaded ? loaded.catalog.kpis.find((kpi) => kpi.id === id) : undefined;

  return (
    <>
      <KpiEditorForm
        form={form}
        onChange={onFormChange}
        problems={problems}
        idLocked={Boolean(current)}
        memberChoices={otherKpis}
        showProblems={attempted || typedForm !== undefined}
        onRunQuery={() => setPreviewAsked((asked) => asked + 1)}
      />
      {outcome.status === 'failed' && (
        <Alert severity="error" title="Not saved" onRemove={dismiss} data-testid={testIds.kpiEditor.saveError}>
          {outcome.message}
        </Alert>
      )}
      {outcome.status === 'saved' && outcome.action === 'draft' && (
        <Alert severity="success" title={`Draft of version ${nextVersion} saved`} onRemove={dismiss} />
      )}
      <StoredSizeNotice size={loaded.size} />
      {attempted && !checked.ok && (
        <Alert severity="warning" title="Fix the fields marked in red first">
          {problems.length} problem{problems.length === 1 ? '' : 's'}:{' '}
          {problems.map((p) => `${p.path}: ${p.message}`).join('; ')}
        </Alert>
      )}
      <Stack direction="row" gap={1} wrap="wrap">
        {isDraft && (
          <Button
            variant="secondary"
            icon="save"
            onClick={() => act('draft')}
            disabled={saving}
            data-testid={testIds.kpiEditor.saveDraft}
          >
            Save draft
          </Button>
        )}
        <Button
          icon="cloud-upload"
          onClick={() => act('publish')}
          disabled={saving || unchanged}
          tooltip={unchanged ? 'Nothing changed since the published version' : undefined}
          data-testid={testIds.kpiEditor.publish}
        >
          Publish version {nextVersion}
        </Button>
        <Button variant="secondary" icon="eye" onClick={showPreview} data-testid={testIds.kpiEditor.preview}>
          Preview
        </Button>
        {current?.status === 'published' && (
          <Button
            variant="destructive"
            fill="outline"
            icon="archive-alt"
            onClick={() => setConfirmRetire(true)}
            data-testid={testIds.kpiEditor.retire}
          >
            Retire
          </Button>
        )}
        <LinkButton
          variant="secondary"
          fill="text"
          href={current ? kpiDetailUrl(current.id) : prefixRoute(ROUTES.Catalog)}
        >
          Cancel
        </LinkButton>
      </Stack>
      {preview &&
        (isCompositeKpi(preview.kpi) ? (
          <CompositeLiveSection kpi={preview.kpi} live={compositeLive} />
        ) : isValueKpi(preview.kpi) ? (
          <ValueLiveSection kpi={preview.kpi} live={valueLive} />
        ) : (
          <KpiLiveSection live={live} />
        ))}
      {confirmRetire && (
        <ConfirmModal
          isOpen
          title={`Retire "${current?.name}"?`}
          body="A retired KPI keeps its history but is no longer evaluated or alerted on."
          confirmText="Retire"
          onConfirm={() => {
            setConfirmRetire(false);
            act('retire');
          }}
          onDismiss={() => setConfirmRetire(false)}
        />
      )}
      {reloaded && (
        <ConflictModal
          theirs={theirs}
          mine={checked.ok ? checked.kpi : undefined}
          onReload={() => {
            dismiss();
            onFormChange(theirs ? formFromKpi(theirs) : undefined);
          }}
          onKeepMine={dismiss}
        />
      )}
    </>
  );
}

const brokenIds = (loaded: LoadedCatalog) => loaded.broken.flatMap((entry) => (entry.id ? [entry.id] : []));

export default KpiEditor;
