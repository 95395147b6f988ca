/**
 * SystemJS with its AMD extra, and the shared packages registered the way Grafana registers them: under a
 * `package:` URL with an import map from the bare name. Each module is handed over as an ES namespace
 * (`__esModule` with `default` = the CommonJS export), which is what webpack's interop in a plugin bundle expects.
 */
import 'systemjs/dist/system.js';
import 'systemjs/dist/extras/amd.js';
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaDataUnstable from '@grafana/data/unstable';
import * as grafanaI18n from '@grafana/i18n';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaRuntimeUnstable from '@grafana/runtime/unstable';
import * as grafanaUi from '@grafana/ui';
import * as grafanaUiUnstable from '@grafana/ui/unstable';
import * as i18next from 'i18next';
import * as lodash from 'lodash';
// Plugins get moment from Grafana; the lint rule steers Grafana code to dateTime, which this is not.
// eslint-disable-next-line no-restricted-imports
import * as moment from 'moment';
import * as react from 'react';
import * as reactDom from 'react-dom';
import * as reactRedux from 'react-redux';
// Grafana shares react-router-dom-v5-compat as "react-router": the react-router 6 API, DOM components included.
import * as reactRouter from 'react-router-dom';
import * as jsxDevRuntime from 'react/jsx-dev-runtime';
import * as jsxRuntime from 'react/jsx-runtime';
import * as redux from 'redux';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';
import type { SharedDependencyName } from './sharedDependencyNames';

const SHARED_DEPENDENCIES: Record<SharedDependencyName, object> = {
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  '@grafana/data': grafanaData,
  '@grafana/data/unstable': grafanaDataUnstable,
  '@grafana/i18n': grafanaI18n,
  '@grafana/runtime': grafanaRuntime,
  '@grafana/runtime/unstable': grafanaRuntimeUnstable,
  '@grafana/ui': grafanaUi,
  '@grafana/ui/unstable': grafanaUiUnstable,
  i18next,
  lodash,
  moment,
  react,
  'react-dom': reactDom,
  'react-redux': reactRedux,
  'react-router': reactRouter,
  'react/jsx-dev-runtime': jsxDevRuntime,
  'react/jsx-runtime': jsxRuntime,
  redux,
  rxjs,
  'rxjs/operators': rxjsOperators,
};

/**
 * The namespace as plugins see it: every export read through a getter, so values the host sets after registering
 * (PluginPage, PanelDataErrorView: `let` exports of @grafana/runtime) reach plugins, as live ES bindings do. The
 * "Module" tag makes System.set keep this object instead of copying its values.
 */
function liveNamespace(namespace: object): object {
  const exports: Record<string | symbol, unknown> = {};
  for (const key of Object.keys(namespace).filter((name) => name !== '__esModule')) {
    Object.defineProperty(exports, key, { enumerable: true, get: () => (namespace as Record<string, unknown>)[key] });
  }
  Object.defineProperty(exports, '__esModule', { value: true });
  Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
  return exports;
}

export function registerSharedDependencies(): void {
  const imports: Record<string, string> = {};
  for (const [name, namespace] of Object.entries(SHARED_DEPENDENCIES)) {
    const url = `package:${name}`;
    System.set(url, liveNamespace(namespace));
    imports[name] = url;
  }
  System.addImportMap({ imports });
}
