import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, Stack, Text, TextLink, useStyles2 } from '@grafana/ui';
import { testIds } from '../../components/testIds';
import { type DriverOverlap, driverOverlaps } from '../../kpi/evaluate';
import { isSourcedSlo, isValueKpi, type CatalogKpi } from '../../kpi/model';
import { kpiDetailUrl } from '../../utils/utils.routing';
import { rowState } from '../Catalog/catalogView';
import { KpiFigure } from '../common/KpiFigure';
import { RowStatus } from '../common/RowStatus';
import { CORRELATION_NOTE, driverOverlapSentence, offTargetSentence } from './driverOverlapWords';
import type { DriversLive } from './useDriversLive';
import { cardStyle } from '../common/cardStyle';

interface Props {
  kpi: CatalogKpi;
  drivers: readonly CatalogKpi[];
  live: DriversLive;
  /** The KPI's own off-target days, from the reading its page already made. */
  offTarget: OffTargetDays;
}

/** The days the KPI missed its target, or why they are not known (yet). */
export type OffTargetDays = { days: readonly number[] } | { loading: true } | { unavailable: string };

/**
 * The KPIs that drive this one (`drivenBy`), each with its live status and its budget or value, linked to its page;
 * then which of them burned budget on the days this KPI was off target, worded as an overlap in time.
 */
export function DriversSection({ kpi, drivers, live, offTarget }: Props) {
  const s = useStyles2(getStyles);
  return (
    <section className={s.card} aria-labelledby="kpi-drivers-title" data-testid={testIds.drivers.section}>
      <Stack direction="column" gap={2}>
        <div>
          <h3 id="kpi-drivers-title">Drivers</h3>
          <Text color="secondary" variant="bodySmall">
            The KPIs and SLOs this KPI names in <code>drivenBy</code>: when they suffer, it tends to follow.
          </Text>
        </div>
        <ul className={s.list} aria-label={`What drives ${kpi.name}`}>
          {drivers.map((driver) => {
            const result = live.status === 'done' ? live.results.get(driver.id) : undefined;
            const state = rowState(driver, result);
            return (
              <li key={driver.id} className={s.driver} data-testid={testIds.drivers.driver} data-kpi-id={driver.id}>
                <span className={s.name}>
                  <TextLink href={kpiDetailUrl(driver.id)} inline={false} weight="medium">
                    {driver.name}
                  </TextLink>
                  <span className={s.secondary}>
                    {driver.owner} ·{' '}
                    {isSourcedSlo(driver) ? 'SLO' : driver.indicator.type === 'value' ? 'KPI' : 'composite SLO'}
                  </span>
                </span>
                <span data-state={state}>
                  <RowStatus row={{ kpi: driver, state, result }} />
                </span>
                <span className={s.figure}>
                  {driver.status === 'published' && <KpiFigure kpi={driver} result={result} />}
                </span>
              </li>
            );
          })}
        </ul>
        <OverlapPart kpi={kpi} drivers={drivers} live={live} offTarget={offTarget} />
      </Stack>
    </section>
  );
}

function OverlapPart({ kpi, drivers, live, offTarget }: Props) {
  const s = useStyles2(getStyles);
  const badDays = live.status === 'done' ? live.badDays : undefined;
  const offTargetDays = 'days' in offTarget ? offTarget.days : undefined;
  const compared = useMemo(
    () => drivers.filter((driver) => driver.status === 'published' && (isSourcedSlo(driver) || isValueKpi(driver))),
    [drivers]
  );
  const overlaps = useMemo(
    () =>
      offTargetDays && badDays
        ? driverOverlaps(
            offTargetDays,
            compared.flatMap((driver) => {
              const days = badDays.get(driver.id);
              return days ? [{ driverId: driver.id, burningDays: days }] : [];
            })
          )
        : undefined,
    [offTargetDays, badDays, compared]
  );
  const unread = compared.filter((driver) => badDays && !badDays.has(driver.id));
  const driverOf = (id: string) => drivers.find((driver) => driver.id === id);
  const sentenceOf = (overlap: DriverOverlap, offDays: number) => {
    const driver = driverOf(overlap.driverId);
    const kind = driver && isValueKpi(driver) ? 'value' : 'slo';
    return driverOverlapSentence(driver?.name ?? overlap.driverId, overlap, offDays, kind);
  };

  let body: React.ReactNode;
  if ('unavailable' in offTarget) {
    body = <Text color="secondary">{offTarget.unavailable}</Text>;
  } else if (compared.length === 0) {
    body = (
      <Text color="secondary">None of the drivers is a published SLO or value KPI whose days could be compared.</Text>
    );
  } else if (!overlaps || !offTargetDays) {
    body = <LoadingPlaceholder text="Reading the days of this KPI and its drivers…" />;
  } else {
    body = (
      <Stack direction="column" gap={1}>
        <Text>{offTargetSentence(kpi.name, offTargetDays)}</Text>
        {offTargetDays.length > 0 && (
          <ul className={s.sentences}>
            {overlaps.map((overlap) => (
              <li key={overlap.driverId} data-overlap-days={overlap.overlap.length}>
                {sentenceOf(overlap, offTargetDays.length)}
              </li>
            ))}
          </ul>
        )}
        {unread.length > 0 && (
          <Alert severity="warning" title="Some drivers have no daily figures">
            {unread.map((driver) => driver.name).join(', ')}: their queries failed or held no events or values, so their
            days cannot be compared. Their status above comes from the catalog&apos;s refresh.
          </Alert>
        )}
        <Text color="secondary" variant="bodySmall" italic>
          {CORRELATION_NOTE}
        </Text>
      </Stack>
    );
  }
  return (
    <div data-testid={testIds.drivers.overlap}>
      <h4>While this KPI was off target</h4>
      {body}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css(cardStyle(theme)),
  list: css({ listStyle: 'none', margin: 0, padding: 0 }),
  driver: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(200px, 1fr) 170px 200px',
    alignItems: 'center',
    gap: theme.spacing(1),
    minHeight: 48,
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  name: css({ display: 'flex', flexDirection: 'column', minWidth: 0 }),
  secondary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  figure: css({ textAlign: 'right' }),
  sentences: css({ margin: 0, paddingLeft: theme.spacing(2.5) }),
});
