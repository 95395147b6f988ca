/**
 * Grafana caches a plugin's settings in the running frontend, so new settings reach the app only after a full
 * page load. A function of its own so that tests can replace it (jsdom cannot navigate).
 */
export function reloadPage(): void {
  window.location.reload();
}
