import React from 'react';
import { Route, Routes } from 'react-router-dom';
import type { AppRootProps } from '@grafana/data';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../types';

const Catalog = React.lazy(() => import('../../pages/Catalog/Catalog'));
const KpiDetail = React.lazy(() => import('../../pages/KpiDetail/KpiDetail'));
const KpiEditor = React.lazy(() => import('../../pages/KpiEditor/KpiEditor'));
const Report = React.lazy(() => import('../../pages/Report/Report'));

// Routes are relative to the app's base URL (/a/northstar-kpi-app); Grafana renders the root inside its router.
function App(_props: AppRootProps<AppSettings>) {
  return (
    <Routes>
      <Route path={`${ROUTES.Kpi}/:id`} element={<KpiDetail />} />
      <Route path={`${ROUTES.Editor}/:id?`} element={<KpiEditor />} />
      <Route path={ROUTES.Report} element={<Report />} />
      {/* The catalog is the landing page (defaultNav) and the fallback for unknown paths */}
      <Route path="*" element={<Catalog />} />
    </Routes>
  );
}

export default App;
