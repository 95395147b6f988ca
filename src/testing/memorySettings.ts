import type { PluginSettingsClient, PluginSettingsSnapshot } from '../data/catalogStore';

const structuredCloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** Plugin settings in memory, replaced wholesale on write as Grafana does; `writes` lists what was posted. */
export function memorySettings(jsonData: PluginSettingsSnapshot['jsonData']) {
  let stored: PluginSettingsSnapshot = { enabled: true, pinned: true, jsonData };
  const writes: PluginSettingsSnapshot[] = [];
  const client: PluginSettingsClient = {
    read: async () => structuredCloneJson(stored),
    write: async (settings) => {
      writes.push(settings);
      stored = structuredCloneJson(settings);
    },
  };
  return { client, writes, current: () => stored };
}
