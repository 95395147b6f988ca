import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, Stack, TextLink, useStyles2 } from '@grafana/ui';
import { formatPercent, formatValue } from '../../components/format';
import { MaintenanceList } from './MaintenanceList';
import { testIds } from '../../components/testIds';
import { objectiveWindowText, nominalSloWindowMs } from '../../kpi/time';
import { isValueKpi, type CatalogKpi, type KpiDefinition, queryDisplayText } from '../../kpi/model';
import { describeRule, resolvePolicy } from '../../kpi/policy';
import { ABSENT_DEFAULT_SEVERITY } from '../../kpi/rules';
import { isHttpUrl } from '../../kpi/catalog';

/** "99.9% good over a rolling 28d", or for a value KPI "higher is better: target 3% (at risk below 2.80%) …". */
function objectiveText(kpi: CatalogKpi): string {
  const over = objectiveWindowText(kpi.objective.window);
  if (!isValueKpi(kpi)) {
    return `${formatPercent(kpi.objective.target, 3).replace(/\.?0+%$/, '%')} good over ${over}`;
  }
  const { direction, target, warning } = kpi.objective;
  const { unit } = kpi.indicator;
  const atRisk =
    warning === undefined
      ? ''
      : ` (at risk ${direction === 'higher' ? 'below' : 'above'} ${formatValue(warning, unit)})`;
  return `${direction} is better: target ${formatValue(target, unit)}${atRisk} over ${over}`;
}

/** The KPI's definition as a description list; every value is rendered as text. */
export function KpiDefinitionView({ kpi }: { kpi: CatalogKpi }) {
  const s = useStyles2(getStyles);
  const rules = resolvePolicy(kpi.alerting, nominalSloWindowMs(kpi));
  const indicator = kpi.indicator;
  const entries: Array<[string, React.ReactNode]> = [
    ['Owner', kpi.owner],
    ['Decision it drives', kpi.decision ?? '—'],
    ['Audience', <Chips key="a" values={kpi.audience} color="blue" />],
    ['Tags', <Chips key="t" values={kpi.tags} color="darkgrey" />],
    ['Objective', objectiveText(kpi)],
    [
      'Data source',
      kpi.datasource
        ? `${kpi.datasource.type} (uid ${kpi.datasource.uid})`
        : 'none of its own: each member has its own',
    ],
    [
      'Indicator',
      indicator.type === 'composite' ? (
        <span>
          weighted mean of the SLIs of {indicator.members.length} member KPIs (members without traffic drop out)
        </span>
      ) : indicator.type === 'value' ? (
        <Stack direction="column" gap={0.5}>
          <span>
            {indicator.numerator !== undefined
              ? 'Σ numerator / Σ denominator over the period'
              : `${indicator.aggregation} of the query over the period`}{' '}
            ({indicator.unit})
          </span>
          {indicator.numerator !== undefined ? (
            <>
              <code className={s.query}>numerator: {queryDisplayText(indicator.numerator)}</code>
              <code className={s.query}>denominator: {queryDisplayText(indicator.denominator)}</code>
            </>
          ) : (
            <code className={s.query}>{queryDisplayText(indicator.query)}</code>
          )}
        </Stack>
      ) : indicator.type === 'ratio' ? (
        <Stack direction="column" gap={0.5}>
          <span>good events / all events</span>
          <code className={s.query}>good: {queryDisplayText(indicator.good)}</code>
          <code className={s.query}>total: {queryDisplayText(indicator.total)}</code>
        </Stack>
      ) : (
        <Stack direction="column" gap={0.5}>
          <span>
            share of {indicator.type === 'timeslice' ? `${indicator.slice} ` : ''}slices where the value is{' '}
            {indicator.comparator} {indicator.threshold}
            {indicator.unit ? ` (${indicator.unit})` : ''}
          </span>
          <code className={s.query}>{queryDisplayText(indicator.query)}</code>
        </Stack>
      ),
    ],
    // A value KPI has no error budget, so no burn-rate policy (the schema refuses one).
    ...(isValueKpi(kpi)
      ? []
      : [
          [
            'Alert policy',
            <ul key="p" className={s.rules}>
              {rules.map((rule) => (
                <li key={`${rule.severity}-${rule.longMs}`}>{describeRule(rule)}</li>
              ))}
              {alertControlNotes(kpi.alerting).map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>,
          ] as [string, React.ReactNode],
        ]),
    ['Maintenance', <MaintenanceList key="m" windows={kpi.maintenance} testId={testIds.kpiDetail.maintenance} />],
    ['Links', <Links key="l" links={kpi.links} />],
  ];
  return (
    <dl className={s.list} data-testid={testIds.kpiDetail.definition}>
      {kpi.description && <p className={s.description}>{kpi.description}</p>}
      {entries.map(([term, value]) => (
        <React.Fragment key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </React.Fragment>
      ))}
    </dl>
  );
}

/** The tier, low-traffic and absent-data settings in words ("ticket tier off", "page severity: critical"). */
function alertControlNotes(alerting: KpiDefinition['alerting']): string[] {
  const notes: string[] = [];
  for (const tier of ['page', 'ticket'] as const) {
    const spec = alerting?.[tier];
    if (spec?.enabled === false) {
      notes.push(`${tier} tier off`);
    } else if (spec?.severity || spec?.for) {
      notes.push(
        [`${tier} alerts`, spec.severity && `with severity ${spec.severity}`, spec.for && `after ${spec.for}`]
          .filter(Boolean)
          .join(' ')
      );
    }
  }
  if (alerting?.minEvents !== undefined) {
    notes.push(`low-traffic guard: a rule fires only with at least ${alerting.minEvents} events in its short window`);
  }
  if (alerting?.absent) {
    notes.push(
      `no data for ${alerting.absent.for} alerts with severity ${alerting.absent.severity ?? ABSENT_DEFAULT_SEVERITY}`
    );
  }
  return notes;
}

function Chips({ values, color }: { values?: string[]; color: 'blue' | 'darkgrey' }) {
  if (!values?.length) {
    return <>—</>;
  }
  return (
    <Stack direction="row" gap={0.5} wrap="wrap">
      {values.map((value) => (
        <Badge key={value} color={color} text={value} />
      ))}
    </Stack>
  );
}

/** Only http(s) links become links; anything else is shown as text, never as a `javascript:` href. */
function Links({ links }: { links?: KpiDefinition['links'] }) {
  const entries = Object.entries(links ?? {}).filter((entry): entry is [string, string] => Boolean(entry[1]));
  if (entries.length === 0) {
    return <>—</>;
  }
  return (
    <Stack direction="column" gap={0.5}>
      {entries.map(([name, url]) =>
        isHttpUrl(url) ? (
          <TextLink key={name} href={url} external>
            {`${name}: ${url}`}
          </TextLink>
        ) : (
          <span key={name}>
            {name}: {url} (not an http or https link)
          </span>
        )
      )}
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: theme.spacing(1, 3),
    margin: 0,
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0, minWidth: 0 },
  }),
  description: css({ gridColumn: '1 / -1', margin: 0 }),
  query: css({ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }),
  rules: css({ margin: 0, paddingLeft: theme.spacing(2) }),
});
