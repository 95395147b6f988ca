import React from 'react';
import type { IconName } from '@grafana/data';
import type { BadgeColor } from '@grafana/ui';
import { Hint } from './Hint';
import { IconBadge } from './IconBadge';
import type { ValueStatus } from '../kpi/evaluate';
import type { KpiStatus } from '../kpi/model';
import { testIds } from './testIds';

interface StatusLook {
  label: string;
  color: BadgeColor;
  icon: IconName;
  /** What the status means, for the tooltip and screen readers. */
  meaning: string;
}

/**
 * One look per status. `no-data` and `no-traffic` have their own colours and icons, far from OK's green tick:
 * missing data must never read as healthy.
 */
export const STATUS_LOOKS: Record<KpiStatus, StatusLook> = {
  'no-data': {
    label: 'No data',
    color: 'purple',
    icon: 'question-circle',
    meaning: 'Samples are missing, so whether to page cannot be decided. This is not OK.',
  },
  page: {
    label: 'Page',
    color: 'red',
    icon: 'fire',
    meaning: 'A page rule fires: its long and short windows both burn the budget faster than its factor.',
  },
  ticket: {
    label: 'Ticket',
    color: 'orange',
    icon: 'exclamation-circle',
    meaning: 'A ticket rule fires: the budget burns steadily faster than the policy allows.',
  },
  'budget-exhausted': {
    label: 'Budget exhausted',
    color: 'red',
    icon: 'heart-break',
    meaning: 'The error budget of the SLO window is spent.',
  },
  'at-risk': {
    label: 'At risk',
    color: 'orange',
    icon: 'exclamation-triangle',
    meaning: 'Less than 25% of the error budget is left.',
  },
  'low-traffic': {
    label: 'Low traffic',
    color: 'blue',
    icon: 'info-circle',
    meaning:
      'Within budget, but the shortest window has fewer events than the low-traffic guard asks for: burn-rate alerts are held back, because a few failures among few events are not a trend.',
  },
  maintenance: {
    label: 'Maintenance',
    color: 'blue',
    icon: 'wrench',
    meaning:
      'In a maintenance window: its steps are left out of the budget and no burn-rate or absent-data alert fires until it ends.',
  },
  ok: {
    label: 'OK',
    color: 'green',
    icon: 'check-circle',
    meaning: 'Within budget and no burn-rate rule fires.',
  },
  'no-traffic': {
    label: 'No traffic',
    color: 'blue',
    icon: 'minus-circle',
    meaning: 'No events in the SLO window: nothing to measure. This is not 100%.',
  },
};

/**
 * A value KPI's statuses: a value against its target by direction, with no error budget. The colours and icons
 * of the statuses the kinds share stay the same, so a page of both reads one way.
 */
export const VALUE_STATUS_LOOKS: Record<ValueStatus, StatusLook> = {
  'on-track': {
    label: 'On track',
    color: 'green',
    icon: 'check-circle',
    meaning: 'The value (or, for a total under way, its forecast at the period’s end) meets the target.',
  },
  'at-risk': {
    ...STATUS_LOOKS['at-risk'],
    meaning: 'The value misses the target but is still within the warning level.',
  },
  'off-track': {
    label: 'Off track',
    color: 'red',
    icon: 'arrow-down',
    meaning: 'The value (or, for a total under way, its forecast at the period’s end) misses the target.',
  },
  'no-data': {
    ...STATUS_LOOKS['no-data'],
    meaning: 'There is no value for the period, so whether it meets the target cannot be said. This is not OK.',
  },
  maintenance: {
    ...STATUS_LOOKS.maintenance,
    meaning: 'In a maintenance window: its steps are left out of the period’s value.',
  },
};

const VALUE_ONLY: ReadonlySet<string> = new Set<ValueStatus>(['on-track', 'off-track']);

/** The look of a status: a value KPI's when the KPI is one (`kind`) or the status is one only they have. */
export function statusLook(status: KpiStatus | ValueStatus, kind: 'slo' | 'value' = 'slo'): StatusLook {
  return kind === 'value' || VALUE_ONLY.has(status)
    ? VALUE_STATUS_LOOKS[status as ValueStatus]
    : STATUS_LOOKS[status as KpiStatus];
}

interface Props {
  status: KpiStatus | ValueStatus;
  /** A value KPI's statuses mean other things than an SLO's `at-risk` and `no-data`. */
  kind?: 'slo' | 'value';
  /** A more specific reason than the status' general meaning (e.g. why data is missing). */
  reason?: string;
}

/** The KPI's status as a live region: screen readers announce it when it changes. */
export function StatusPill({ status, kind, reason }: Props) {
  const look = statusLook(status, kind);
  const explanation = reason ?? look.meaning;
  return (
    <Hint content={explanation} placement="auto">
      <span
        role="status"
        aria-label={`KPI status: ${look.label}. ${explanation}`}
        data-testid={testIds.kpiPanel.status}
        data-status={status}
      >
        <IconBadge color={look.color} icon={look.icon} text={look.label} />
      </span>
    </Hint>
  );
}
