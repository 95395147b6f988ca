/**
 * What the page offers tests (see hostContract.ts): `window.__northstarHostReady` once the plugin's component has
 * rendered, `window.__northstarHostError` with the reason when the host could not render it, and
 * `window.__northstarHostNavigate(path)`.
 */
import { locationService } from '@grafana/runtime';
import type { HostPageFlags } from '../hostContract';

const flags = window as Window & HostPageFlags;

export function markHostReady(): void {
  flags.__northstarHostReady = true;
}

export function reportHostError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  flags.__northstarHostError = message;
  console.error(`plugin host: ${message}`);
  return message;
}

export function exposeHostNavigation(): void {
  flags.__northstarHostNavigate = (path) => {
    flags.__northstarHostReady = false;
    locationService.push(path);
  };
}
