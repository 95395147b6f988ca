/**
 * The app's plugin settings (`/api/plugins/<id>/settings`): the one place that reads and writes them. Callers
 * show outcomes themselves, so Grafana's own toasts are off.
 */
import { lastValueFrom } from 'rxjs';
import { getBackendSrv } from '@grafana/runtime';

/** The body of `POST /api/plugins/<id>/settings`; the server replaces every field, so send them all. */
export interface PluginSettingsUpdate<T extends object> {
  enabled: boolean;
  pinned: boolean;
  jsonData: T;
}

const settingsUrl = (pluginId: string) => `/api/plugins/${encodeURIComponent(pluginId)}/settings`;

/** Reads the plugin settings; the catalog lives in `jsonData`, which is absent until the first save. */
export async function readPluginSettings<T extends object>(
  pluginId: string
): Promise<Partial<PluginSettingsUpdate<T>>> {
  const response = await lastValueFrom(
    getBackendSrv().fetch<Partial<PluginSettingsUpdate<T>>>({
      url: settingsUrl(pluginId),
      method: 'GET',
      showErrorAlert: false,
    })
  );
  return response.data ?? {};
}

/** Saves the app's plugin settings. Callers pass the whole `jsonData`, including fields they do not own. */
export async function savePluginSettings<T extends object>(pluginId: string, update: PluginSettingsUpdate<T>) {
  const response = getBackendSrv().fetch({
    url: settingsUrl(pluginId),
    method: 'POST',
    data: update,
    showSuccessAlert: false,
  });
  return lastValueFrom(response);
}
