import React from 'react';
import { of } from 'rxjs';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { render, screen, within } from '@testing-library/react';
import { OrgRole } from '@grafana/data';
import { testIds } from '../../components/testIds';
import { setUpPages } from '../../testing/pageEnvironment';
import KpiDetail from './KpiDetail';
import { checkoutConversionKpi, monthlyOrdersKpi } from '../../testing/valueKpis';
import type { ValueKpiDefinition } from '../../kpi/model';

interface RangeRequest {
  data: { from: string; to: string; queries: Array<{ refId: string; intervalMs: number }> };
}

/** Grafana's answer to range queries: a point per step from the aligned start to the aligned end. */
function rangeAnswers(request: RangeRequest, value: (refId: string) => number | { error: string }) {
  const results: Record<string, unknown> = {};
  for (const { refId, intervalMs } of request.data.queries) {
    const answer = value(refId);
    if (typeof answer !== 'number') {
      results[refId] = { status: 400, error: answer.error };
      continue;
    }
    const first = Math.floor(Number(request.data.from) / intervalMs) * intervalMs;
    const times: number[] = [];
    for (let t = first; t <= Number(request.data.to); t += intervalMs) {
      times.push(t);
    }
    results[refId] = {
      status: 200,
      frames: [
        {
          schema: {
            fields: [
              { name: 'Time', type: 'time', config: { interval: intervalMs } },
              { name: 'Value', type: 'number' },
            ],
          },
          data: { values: [times, times.map(() => answer)] },
        },
      ],
    };
  }
  return of({ data: { results } });
}

/** 0.25 orders per 10 carts a second: 2.5 % all along, under the 2.8 % warning and the 3 % target. */
const CONVERSION_ANSWER = (refId: string) => (refId === 'numerator' ? 0.25 : 10);
let answer: (refId: string) => number | { error: string } = CONVERSION_ANSWER;
const mockFetch = jest.fn((request: RangeRequest) => rangeAnswers(request, answer));
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch: mockFetch }),
}));

const conversion = checkoutConversionKpi({ window: { calendar: 'month', timeZone: 'UTC' } });

function renderDetail(kpi: ValueKpiDefinition = conversion) {
  setUpPages({
    role: OrgRole.Admin,
    jsonData: { catalog: { apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis: [kpi] }, revision: 1 },
  });
  return render(
    <MemoryRouter initialEntries={[`/kpi/${kpi.id}`]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Routes>
        <Route path="kpi/:id" element={<KpiDetail />} />
      </Routes>
    </MemoryRouter>
  );
}

describe('a value KPI’s page', () => {
  beforeEach(() => {
    mockFetch.mockClear();
    answer = CONVERSION_ANSWER;
  });

  test('leads with the value against the target, the status and the sentence, then the period’s chart', async () => {
    renderDetail();
    const headline = await screen.findByTestId(testIds.kpiDetail.valueHeadline, undefined, { timeout: 5000 });
    expect(headline).toHaveTextContent('2.50%');
    expect(headline).toHaveTextContent('target ≥ 3%');
    expect(within(headline).getByRole('img', { name: 'Higher is better' })).toBeInTheDocument();
    expect(within(headline).getByRole('status')).toHaveAccessibleName(/^KPI status: Off track\./);
    expect(headline).toHaveTextContent('2.50% this month so far; target ≥ 3%.');
    // One request for both periods, through Grafana's /api/ds/query.
    expect(mockFetch).toHaveBeenCalledTimes(1);
    const chart = screen.getByTestId(testIds.kpiDetail.valueChart);
    expect(chart).toHaveAccessibleName('2.50% this month so far; target ≥ 3%.');
    expect(within(chart).getByTestId(testIds.kpiDetail.valueTarget)).toBeInTheDocument();
    expect(within(chart).getByTestId(testIds.kpiDetail.valuePrevious)).toBeInTheDocument();
    expect(screen.getByText('this month', { selector: 'span' })).toBeInTheDocument();
    expect(screen.getByText('last month', { selector: 'span' })).toBeInTheDocument();
  });

  test('a monthly sum’s chart draws paces and its legend says so: each line is the month’s projected total', async () => {
    answer = () => 10;
    renderDetail(monthlyOrdersKpi());
    await screen.findByTestId(testIds.kpiDetail.valueChart, undefined, { timeout: 5000 });
    expect(screen.getByText('this month, projected total')).toBeInTheDocument();
    expect(screen.getByText('last month, projected total')).toBeInTheDocument();
  });

  test('leaves the SLO-only parts out and says why', async () => {
    renderDetail();
    await screen.findByTestId(testIds.kpiDetail.valueHeadline, undefined, { timeout: 5000 });
    expect(screen.getByTestId(testIds.kpiDetail.sloOnly)).toHaveTextContent(/no error budget/);
    expect(screen.queryByTestId(testIds.kpiDetail.live)).not.toBeInTheDocument();
    // Its ticket rule (off-track for longer than alerting.for) is created as an SLO's rules are.
    expect(screen.getByTestId(testIds.createAlertRules.container)).toBeInTheDocument();
    // Version history as for any KPI, its target in the KPI's unit.
    expect(screen.getByRole('region', { name: 'Version history' })).toHaveTextContent('v2 target ≥ 3% over');
    expect(screen.getByRole('region', { name: 'Definition' })).not.toHaveTextContent('Alert policy');
  });

  test('a denominator of 0 is no-data with its reason, never on track', async () => {
    answer = (refId) => (refId === 'numerator' ? 0 : 0);
    renderDetail();
    const headline = await screen.findByTestId(testIds.kpiDetail.valueHeadline, undefined, { timeout: 5000 });
    expect(within(headline).getByRole('status')).toHaveAccessibleName(/^KPI status: No data\. the denominator is 0/);
    expect(headline).toHaveTextContent('No value: the denominator is 0 over this month');
  });

  test('a refused query shows the data source’s message naming the field', async () => {
    answer = (refId) => (refId === 'denominator' ? { error: 'bad_data: parse error' } : 0.25);
    renderDetail();
    expect(await screen.findByText('indicator.denominator: bad_data: parse error')).toBeInTheDocument();
  });
});
