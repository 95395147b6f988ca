/**
 * One write to plugin settings the way every writer of the app makes it: the size check, the write, a pause, and a
 * read-back that tells whether another write landed after it (docs/catalog-storage.md, "Two saves at once").
 */
import type { PluginSettingsClient, PluginSettingsSnapshot } from './catalogStore';
import { storedSizeOf, StoredSizeError } from './storedSize';

export interface ReadBack {
  /** Another write replaced this one: its `writer` is not the one this write carried. */
  overtaken: boolean;
  /** The settings as read back. */
  stored: PluginSettingsSnapshot['jsonData'];
}

/** Writes `jsonData` (carrying a fresh `writer` token) over `settings` and reads it back after `settleMs`. */
export async function writeAndReadBack(
  client: PluginSettingsClient,
  settings: Pick<PluginSettingsSnapshot, 'enabled' | 'pinned'>,
  jsonData: PluginSettingsSnapshot['jsonData'],
  settleMs: number
): Promise<ReadBack> {
  const size = storedSizeOf(jsonData);
  if (size.level === 'over') {
    throw new StoredSizeError(size);
  }
  await client.write({ enabled: settings.enabled, pinned: settings.pinned, jsonData });
  // A write that read the settings before ours and lands after it replaces ours; wait so it has landed.
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const stored = (await client.read()).jsonData;
  return { overtaken: stored.writer !== jsonData.writer, stored };
}
