import { lastValueFrom } from 'rxjs';
import { getBackendSrv } from '@grafana/runtime';

/** The body of `POST /api/plugins/<id>/settings`; the server replaces every field, so send them all. */
export interface PluginSettingsUpdate<T extends object> {
  enabled: boolean;
  pinned: boolean;
  jsonData: T;
}

/** Saves the app's plugin settings. Callers pass the whole `jsonData`, including fields they do not own. */
export async function savePluginSettings<T extends object>(pluginId: string, update: PluginSettingsUpdate<T>) {
  const response = getBackendSrv().fetch({
    url: `/api/plugins/${encodeURIComponent(pluginId)}/settings`,
    method: 'POST',
    data: update,
  });
  return lastValueFrom(response);
}
