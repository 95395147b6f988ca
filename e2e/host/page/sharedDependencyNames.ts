/**
 * The packages the host shares with plugins through SystemJS, by the names plugins import them (a subset of
 * Grafana's public/app/features/plugins/loader/sharedDependencies.ts). Every external that create-plugin's webpack
 * config leaves out of a plugin bundle and that Grafana 11+ still shares is here; a plugin that imports one that is
 * not fails to load with "Unable to resolve bare specifier" (SystemJS Error#8). Kept free of imports so Node tests
 * can compare it with the `define([...])` lists of the built plugin.
 */
export const SHARED_DEPENDENCY_NAMES = [
  '@emotion/css',
  '@emotion/react',
  '@grafana/data',
  '@grafana/data/unstable',
  '@grafana/i18n',
  '@grafana/runtime',
  '@grafana/runtime/unstable',
  '@grafana/ui',
  '@grafana/ui/unstable',
  'i18next',
  'lodash',
  'moment',
  'react',
  'react-dom',
  'react-redux',
  'react-router',
  'react/jsx-dev-runtime',
  'react/jsx-runtime',
  'redux',
  'rxjs',
  'rxjs/operators',
] as const;

export type SharedDependencyName = (typeof SHARED_DEPENDENCY_NAMES)[number];

/** AMD dependencies that are not packages: SystemJS's AMD extra supplies `module` (create-plugin's public path). */
export const AMD_BUILTIN_DEPENDENCIES = ['module', 'exports', 'require'];
