import React from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { OrgRole } from '@grafana/data';
import { testIds } from '../../components/testIds';
import type { KpiDefinition } from '../../kpi/model';
import { checkoutKpi } from '../../testing/checkoutKpi';
import { setUpPages } from '../../testing/pageEnvironment';
import KpiEditor from './KpiEditor';

const CHECKOUT: KpiDefinition = checkoutKpi({ version: 2 });

const catalogOf = (...kpis: KpiDefinition[]) => ({ apiVersion: 'northstar.dev/v1', kind: 'KpiCatalog', kpis });

function renderEditor(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Routes>
        <Route path="/edit/:id?" element={<KpiEditor />} />
      </Routes>
    </MemoryRouter>
  );
}

const input = (id: string) => document.getElementById(id) as HTMLInputElement;

describe('the KPI editor', () => {
  test('a failed save keeps the form as typed and shows why, in Grafana’s words', async () => {
    const backend = setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 5 } });
    backend.hooks.beforeWrite = () => {
      throw { status: 500, statusText: 'Internal Server Error', data: { message: 'database is locked' } };
    };
    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    fireEvent.change(input('kpi-target'), { target: { value: '99.5' } });

    fireEvent.click(screen.getByTestId(testIds.kpiEditor.publish));

    expect(await screen.findByTestId(testIds.kpiEditor.saveError)).toHaveTextContent('HTTP 500 database is locked');
    expect(input('kpi-target').value).toBe('99.5');
    expect(backend.current().jsonData).toMatchObject({ revision: 5 });
  });

  test('someone else’s save since the page loaded: the conflict shows theirs beside mine and saves nothing', async () => {
    const backend = setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 5 } });
    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    backend.replace({ catalog: catalogOf({ ...CHECKOUT, version: 3, name: 'Checkout success' }), revision: 6 });
    fireEvent.change(input('kpi-owner'), { target: { value: 'team-checkout' } });

    fireEvent.click(screen.getByTestId(testIds.kpiEditor.publish));

    const conflict = await screen.findByTestId(testIds.kpiEditor.conflict);
    expect(conflict).toHaveTextContent('Checkout success');
    expect(conflict).toHaveTextContent('team-checkout');
    expect(backend.current().jsonData).toMatchObject({ revision: 6 });
    // Keeping mine, the next publish is based on their revision and becomes version 4.
    fireEvent.click(screen.getByRole('button', { name: 'Keep editing mine' }));
    await waitFor(() => expect(screen.getByTestId(testIds.kpiEditor.publish)).toHaveTextContent('Publish version 4'));
  });

  test('problems show under their fields with the schema’s messages, and nothing is saved', async () => {
    const backend = setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 1 } });
    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    fireEvent.change(input('kpi-target'), { target: { value: '100' } });
    fireEvent.change(input('kpi-runbook'), { target: { value: 'javascript:alert(1)' } });

    expect(await screen.findByText('must be between 0 and 1 (exclusive)')).toBeInTheDocument();
    expect(screen.getByText('must be an http:// or https:// URL')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId(testIds.kpiEditor.publish));
    expect(await screen.findByText(/Fix the fields marked in red first/)).toBeInTheDocument();
    expect(backend.current().jsonData).toMatchObject({ revision: 1 });
  });

  test('maintenance windows: added, checked live at the field, removed, and published with the KPI', async () => {
    const backend = setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 1 } });
    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    fireEvent.click(screen.getByTestId(testIds.kpiEditor.addMaintenance));
    fireEvent.click(screen.getByTestId(testIds.kpiEditor.addMaintenance));
    expect(screen.getAllByTestId(testIds.kpiEditor.maintenanceRow)).toHaveLength(2);

    fireEvent.change(screen.getByLabelText('Maintenance window 1 cron'), { target: { value: '61 2 * * 0' } });
    expect(await screen.findByText('minute 61 is out of range 0–59')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Maintenance window 1 cron'), { target: { value: '0 3 * * 0' } });
    fireEvent.change(screen.getByLabelText('Maintenance window 1 reason'), { target: { value: 'weekly reindex' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove maintenance window 2' }));
    expect(screen.getAllByTestId(testIds.kpiEditor.maintenanceRow)).toHaveLength(1);
    expect(screen.queryByText('minute 61 is out of range 0–59')).toBeNull();

    fireEvent.click(screen.getByTestId(testIds.kpiEditor.publish));
    await waitFor(() => expect(backend.current().jsonData.revision).not.toBe(1));
    const stored = (backend.current().jsonData.catalog as { kpis: KpiDefinition[] }).kpis[0];
    expect(stored.maintenance).toEqual([{ cron: '0 3 * * 0', duration: '2h', reason: 'weekly reindex' }]);
  });

  test.each([
    ['a KPI of the catalog', { catalog: catalogOf(CHECKOUT), revision: 'r1' }],
    ['a KPI only the history has', { catalog: catalogOf(), history: { [CHECKOUT.id]: [CHECKOUT] }, revision: 'r1' }],
  ])('a new KPI with the id of %s is refused at the field as it is typed, and saves nothing', async (_n, jsonData) => {
    const backend = setUpPages({ jsonData });
    renderEditor('/edit');
    await screen.findByTestId(testIds.kpiEditor.form);
    fireEvent.change(input('kpi-id'), { target: { value: 'checkout-availability' } });

    expect(
      await screen.findByText('already used by a KPI of the catalog or its history; ids are never reused')
    ).toBeInTheDocument();
    fireEvent.click(screen.getByTestId(testIds.kpiEditor.saveDraft));
    expect(await screen.findByText(/Fix the fields marked in red first/)).toBeInTheDocument();
    expect(backend.current().jsonData).toEqual(jsonData);
  });

  test('near Grafana’s storage limit the editor warns with the size, before anything is saved', async () => {
    const long = { ...CHECKOUT, description: 'x'.repeat(52_000) };
    setUpPages({ jsonData: { catalog: catalogOf(long), revision: 'r1' } });
    renderEditor('/edit/checkout-availability');
    expect(await screen.findByTestId(testIds.storedSize)).toHaveTextContent(
      /The catalog and its history take 51\.\d KiB of the 64\.0 KiB Grafana can store/
    );
  });

  test('a conflict whose reload fails keeps the typed form: trying again brings it back as typed', async () => {
    const backend = setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 5 } });
    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    backend.replace({ catalog: catalogOf({ ...CHECKOUT, version: 3 }), revision: 6 });
    fireEvent.change(input('kpi-owner'), { target: { value: 'team-checkout' } });
    let reads = 0;
    backend.hooks.beforeRead = () => {
      if (++reads > 1) {
        throw { status: 502, statusText: 'Bad Gateway', data: { message: 'upstream down' } };
      }
    };

    fireEvent.click(screen.getByTestId(testIds.kpiEditor.publish));
    expect(await screen.findByText('The KPI catalog could not be read')).toBeInTheDocument();
    backend.hooks.beforeRead = undefined;
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));

    await screen.findByTestId(testIds.kpiEditor.form);
    expect(input('kpi-owner').value).toBe('team-checkout');
  });

  test('another save removed the KPI: the page says so and keeps what was typed', async () => {
    const backend = setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 5 } });
    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    backend.replace({ catalog: catalogOf(), revision: 6 });
    fireEvent.change(input('kpi-owner'), { target: { value: 'team-checkout' } });

    fireEvent.click(screen.getByTestId(testIds.kpiEditor.publish));

    expect(await screen.findByText('No KPI "checkout-availability" in the catalog')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.kpiEditor.keptForm)).toHaveTextContent('"owner": "team-checkout"');
  });

  test('leaving the page with unsaved changes asks first; an untouched form does not', async () => {
    setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), revision: 5 } });
    renderEditor('/edit/checkout-availability');
    await screen.findByTestId(testIds.kpiEditor.form);
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(false);
    fireEvent.change(input('kpi-owner'), { target: { value: 'team-checkout' } });
    expect(leave()).toBe(true);
  });

  test('a Viewer gets no form; a provisioned catalog is read-only for Admins too', async () => {
    setUpPages({ role: OrgRole.Viewer, jsonData: { catalog: catalogOf(CHECKOUT) } });
    const { unmount } = renderEditor('/edit/checkout-availability');
    expect(await screen.findByTestId(testIds.kpiEditor.readOnly)).toBeInTheDocument();
    expect(screen.queryByTestId(testIds.kpiEditor.form)).toBeNull();
    unmount();

    setUpPages({ jsonData: { catalog: catalogOf(CHECKOUT), provisioned: true } });
    renderEditor('/edit/checkout-availability');
    expect(await screen.findByTestId(testIds.catalog.provisioned)).toHaveTextContent('Managed by provisioning');
    expect(screen.queryByTestId(testIds.kpiEditor.form)).toBeNull();
  });
});
