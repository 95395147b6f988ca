import type { Config } from 'jest';

// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

// Jest configuration provided by Grafana scaffolding (a CommonJS file, hence require).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const grafanaConfig: Config = require('./.config/jest.config');

// The same @swc/jest settings the scaffold uses for .js/.ts files.
const swcTransform = grafanaConfig.transform?.['^.+\\.(t|j)sx?$'];

const shared: Config = {
  ...grafanaConfig,
  moduleNameMapper: {
    ...grafanaConfig.moduleNameMapper,
    // jsdom picks yaml's browser entry, an ES module jest does not transform; its CommonJS build is the same code.
    '^yaml$': '<rootDir>/node_modules/yaml/dist/index.js',
  },
  transform: {
    ...grafanaConfig.transform,
    // d3-color and friends ship their ESM entry as .mjs, which the scaffold does not transform.
    ...(swcTransform ? { '^.+\\.mjs$': swcTransform } : {}),
  },
};

// The pure engine, the dashboard builders, the CLI, the project's scripts and their test helpers run in Node (real fetch, child processes,
// Node builds of packages such as `yaml`); React code runs in jsdom with the scaffold's setup.
const NODE_ROOTS = [
  '<rootDir>/src/kpi/',
  '<rootDir>/src/dashboards/',
  '<rootDir>/src/cli/',
  '<rootDir>/src/testing/',
  '<rootDir>/demo/',
  '<rootDir>/e2e/',
  '<rootDir>/scripts/',
];

const config: Config = {
  // Generous: two jest workers share two cores with Prometheus and esbuild; speed is measured in bench/, not here.
  // A global option: jest ignores it inside a project (it warned "Unknown option", and the default 5 s applied).
  testTimeout: 30_000,
  projects: [
    {
      ...shared,
      displayName: 'ui',
      // dist/ holds build output; tests/ holds the Playwright specs that run against a real Grafana.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '<rootDir>/tests/', ...NODE_ROOTS],
    },
    {
      ...shared,
      displayName: 'node',
      testEnvironment: 'node',
      setupFilesAfterEnv: [],
      testMatch: NODE_ROOTS.map((root) => `${root}**/*.test.ts`),
    },
  ],
};

export default config;
