import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';
import northstarRules, { ROOMS } from './scripts/eslint/roomImports.mjs';

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
      // generated: the catalog JSON Schema and golden files
      'schema/',
      'testdata/',
    ],
  },
  ...baseConfig,
  {
    // The rooms' index.ts files are their public faces: nothing outside a room imports past one.
    files: ['{src,e2e,bench,demo,scripts}/**/*.{ts,tsx}'],
    plugins: { northstar: northstarRules },
    rules: { 'northstar/room-imports': ['error', { rooms: ROOMS }] },
  },
  {
    // TypeScript outside src/ that the scaffold's config does not cover: the demo environment (with its own tsconfig)
    // and the Playwright specs that run against a real Grafana.
    files: ['demo/**/*.ts'],
    languageOptions: { parserOptions: { project: './demo/tsconfig.json' } },
  },
  {
    // The plugin host and its browser tests. The host implements Grafana interfaces whose deprecated members
    // Grafana itself still calls, so those are warnings, not errors.
    files: ['e2e/**/*.{ts,tsx}'],
    ignores: ['e2e/grafana/**'],
    languageOptions: { parserOptions: { project: './e2e/tsconfig.json' } },
    rules: { '@typescript-eslint/no-deprecated': 'warn' },
  },
  {
    files: ['e2e/grafana/**/*.ts', 'playwright.config.ts'],
    languageOptions: { parserOptions: { project: './e2e/grafana/tsconfig.json' } },
    // Playwright fixtures call `use(...)`, which is not a React hook.
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
]);
