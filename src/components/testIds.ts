/** Test ids shared by jest tests and browser tests (e2e/, tests/). */
export const testIds = {
  appConfig: {
    container: 'data-testid ac-container',
    defaultDatasource: 'data-testid ac-default-datasource',
    submit: 'data-testid ac-submit-form',
  },
  catalog: {
    container: 'data-testid catalog-container',
    addKpi: 'data-testid catalog-add-kpi',
  },
  kpiDetail: {
    container: 'data-testid kpi-detail-container',
    backToCatalog: 'data-testid kpi-detail-back',
  },
  createDashboards: {
    button: 'data-testid create-dashboards-button',
    results: 'data-testid create-dashboards-results',
  },
  kpiEditor: {
    container: 'data-testid kpi-editor-container',
  },
  kpiPanel: {
    container: 'data-testid kpi-panel-container',
    status: 'data-testid kpi-panel-status',
    budget: 'data-testid kpi-panel-budget',
    burnRateTable: 'data-testid kpi-panel-burn-rate-table',
    message: 'data-testid kpi-panel-message',
    timeRangeWarning: 'data-testid kpi-panel-time-range-warning',
    timeRangeFix: 'data-testid kpi-panel-time-range-fix',
    notes: 'data-testid kpi-panel-notes',
    kpiPicker: 'data-testid kpi-panel-kpi-picker',
  },
};
