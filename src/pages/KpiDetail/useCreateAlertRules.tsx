import React, { useState } from 'react';
import { css } from '@emotion/css';
import { locationUtil, type GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, ConfirmModal, LinkButton, useStyles2 } from '@grafana/ui';
import {
  AlertProvisioningError,
  kpiAlertRuleGroup,
  provisionKpiAlertRules,
  ruleTier,
  type ProvisionAlertRulesOptions,
  type ProvisionedKpiAlertRules,
} from '../../data/alertRulesApi';
import { type CatalogKpi, isValueKpi, type Severity } from '../../kpi/model';
import { describeRule, resolvePolicy } from '../../kpi/policy';
import { nominalSloWindowMs } from '../../kpi/time';
import { testIds } from '../../components/testIds';
import type { CreateAction } from './useCreateDashboards';

interface Props {
  kpi: CatalogKpi;
  /** The catalog's KPIs, where a composite finds its members. */
  catalogKpis?: readonly CatalogKpi[];
  /** The KPI's on-call dashboard, linked from both rules. */
  dashboardUrl?: string;
}

interface RulePreview {
  uid: string;
  title: string;
  severity: Severity | 'absent';
  /** "page 1h/5m > 14.4x", one per policy row: each fires only when both windows burn above the factor. */
  windows: string[];
  for: string;
  keepFiringFor: string;
}

type Preview = { ok: true; folder: string; groupName: string; rules: RulePreview[] } | { ok: false; reason: string };

/** What "Create alert rules" would write for the KPI, or why it cannot (a draft, a data source without PromQL). */
function previewOf(kpi: CatalogKpi, options: ProvisionAlertRulesOptions): Preview {
  try {
    const group = kpiAlertRuleGroup(kpi, options);
    // A value KPI's rule judges its value, not burn-rate windows: it has none to list.
    const policy = isValueKpi(kpi) ? [] : resolvePolicy(kpi.alerting, nominalSloWindowMs(kpi));
    const rules = group.rules.map((rule) => {
      const severity = ruleTier(rule);
      return {
        uid: rule.uid,
        title: rule.title,
        severity,
        windows: policy.filter((row) => row.severity === severity).map(describeRule),
        for: rule.for,
        keepFiringFor: rule.keepFiringFor,
      };
    });
    return { ok: true, folder: group.folder, groupName: group.name, rules };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

type State =
  | { step: 'idle' }
  | { step: 'confirming' }
  | { step: 'saving' }
  | { step: 'done'; result: ProvisionedKpiAlertRules }
  | { step: 'failed'; error: AlertProvisioningError };

function asProvisioningError(error: unknown): AlertProvisioningError {
  return error instanceof AlertProvisioningError
    ? error
    : new AlertProvisioningError(error instanceof Error ? error.message : String(error), 'rule-group');
}

/**
 * "Create alert rules" for a KPI: asks first, listing the group and its page and ticket rules with their windows,
 * then writes them through Grafana's alerting provisioning API and links to the rules, or shows Grafana's message.
 * Its button and what it says come apart (CreateAction). Only for a user who may write rules (Org Admins, DESIGN §4):
 * the page shows no create actions to anyone else.
 */
export function useCreateAlertRules({ kpi, catalogKpis, dashboardUrl }: Props): CreateAction {
  const s = useStyles2(getStyles);
  const [state, setState] = useState<State>({ step: 'idle' });
  const options = { dashboardUrl, catalogKpis };
  const preview = previewOf(kpi, options);

  const create = async () => {
    setState({ step: 'saving' });
    try {
      setState({ step: 'done', result: await provisionKpiAlertRules(kpi, options) });
    } catch (error) {
      setState({ step: 'failed', error: asProvisioningError(error) });
    }
  };

  const button = (
    <Button
      icon="bell"
      variant="secondary"
      disabled={!preview.ok || state.step === 'saving'}
      onClick={() => setState({ step: 'confirming' })}
      data-testid={testIds.createAlertRules.button}
    >
      {state.step === 'saving' ? 'Creating alert rules…' : 'Create alert rules'}
    </Button>
  );
  const details = (
    <div className={s.container} data-testid={testIds.createAlertRules.container}>
      {!preview.ok && (
        <span className={s.reason} data-testid={testIds.createAlertRules.unavailable}>
          {preview.reason}
        </span>
      )}
      {preview.ok && (
        <ConfirmModal
          isOpen={state.step === 'confirming'}
          title="Create alert rules"
          body={<PreviewBody preview={preview} />}
          confirmText="Create alert rules"
          confirmVariant="primary"
          onConfirm={create}
          onDismiss={() => setState({ step: 'idle' })}
        />
      )}
      {state.step === 'done' && <Created result={state.result} />}
      {state.step === 'failed' && <Failed error={state.error} />}
    </div>
  );
  return { button, details };
}

function PreviewBody({ preview }: { preview: Extract<Preview, { ok: true }> }) {
  return (
    <div data-testid={testIds.createAlertRules.preview}>
      <p>
        Rule group <strong>{preview.groupName}</strong> in the folder <strong>{preview.folder}</strong>, evaluated every
        minute. Each rule fires only when both its long and its short window burn above the factor.
      </p>
      <ul>
        {preview.rules.map((rule) => (
          <li key={rule.uid}>
            {rule.severity === 'absent' ? (
              <>
                <strong>{rule.title}</strong>: its queries return nothing for {rule.for}.
              </>
            ) : (
              <>
                <strong>{rule.title}</strong>: {rule.windows.join(' or ')}; pending {rule.for}, keeps firing{' '}
                {rule.keepFiringFor} after the burn stops.
              </>
            )}
          </li>
        ))}
      </ul>
      <p>Running it again updates these rules. They are managed by Northstar KPI: change the KPI, not the rules.</p>
    </div>
  );
}

function Created({ result }: { result: ProvisionedKpiAlertRules }) {
  return (
    <Alert severity="success" title="Alert rules saved" data-testid={testIds.createAlertRules.success}>
      <p>
        Rule group {result.groupName} in {result.folder.title}:
      </p>
      <ul>
        {result.rules.map((rule) => (
          <li key={rule.uid}>
            {/* A plain link, not TextLink: that needs Grafana's router context, which a plugin page may lack. */}
            <LinkButton href={locationUtil.assureBaseUrl(rule.viewUrl)} fill="text" size="sm">
              {rule.title}
            </LinkButton>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

const STEP_TITLES: Record<AlertProvisioningError['step'], string> = {
  kpi: 'This KPI cannot get alert rules',
  folder: 'Grafana refused the Northstar KPI folder',
  'rule-group': 'Grafana refused the alert rules',
};

function Failed({ error }: { error: AlertProvisioningError }) {
  const title = `${STEP_TITLES[error.step]}${error.status ? ` (HTTP ${error.status})` : ''}`;
  return (
    <Alert severity="error" title={title} data-testid={testIds.createAlertRules.error}>
      <p>{error.message}</p>
      {error.rollbackProblem ? (
        <p>The folder created for the rules could not be removed again: {error.rollbackProblem}</p>
      ) : (
        <p>Nothing was left half-created.</p>
      )}
    </Alert>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css`
    display: flex;
    flex-direction: column;
    gap: ${theme.spacing(1)};
  `,
  reason: css`
    color: ${theme.colors.text.secondary};
  `,
});
