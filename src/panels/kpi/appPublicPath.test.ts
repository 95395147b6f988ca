import { appPublicPath } from './appPublicPath';

describe('appPublicPath', () => {
  test.each([
    ['public/plugins/northstar-kpi-panel/', 'public/plugins/northstar-kpi-app/'],
    [
      'http://127.0.0.1:3000/public/plugins/northstar-kpi-panel/',
      'http://127.0.0.1:3000/public/plugins/northstar-kpi-app/',
    ],
    ['/grafana/public/plugins/northstar-kpi-panel/', '/grafana/public/plugins/northstar-kpi-app/'],
    [
      'https://cdn.example.com/northstar-kpi-app/0.1.0/public/plugins/northstar-kpi-app/panels/kpi/',
      'https://cdn.example.com/northstar-kpi-app/0.1.0/public/plugins/northstar-kpi-app/',
    ],
    ['public/plugins/northstar-kpi-app/', 'public/plugins/northstar-kpi-app/'],
    ['https://example.com/other/', 'https://example.com/other/'],
  ])('%s loads chunks from %s', (panelPath, appPath) => {
    expect(appPublicPath(panelPath)).toBe(appPath);
  });
});
