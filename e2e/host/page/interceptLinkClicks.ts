import { locationService } from '@grafana/runtime';

/**
 * Grafana's link interception (public/app/core/navigation/patch/interceptLinkClicks.ts): a plain left click on a
 * same-origin link navigates in the page through locationService instead of reloading it, so plugins may render
 * `<a href="/a/northstar-kpi-app/...">` (as @grafana/ui's LinkButton does).
 */
export function interceptLinkClicks(): void {
  document.addEventListener('click', (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    const anchor = event.target instanceof Element ? event.target.closest('a') : null;
    if (
      !anchor ||
      !anchor.getAttribute('href') ||
      (anchor.target && anchor.target !== '_self') ||
      anchor.hasAttribute('download')
    ) {
      return;
    }
    const url = new URL(anchor.href);
    // In-page anchors scroll; API and static files are not pages of the app.
    const isPage = !/^\/(api|public|avatar)\//.test(url.pathname) && !anchor.getAttribute('href')?.startsWith('#');
    if (url.origin !== window.location.origin || !isPage) {
      return;
    }
    event.preventDefault();
    locationService.push(`${url.pathname}${url.search}${url.hash}`);
  });
}
