/**
 * A fresh random token for each write to the plugin settings. Random rather than counted: a writer that restores
 * an old copy (Grafana's Enable/Disable post the settings loaded with the page) can never land on the token an
 * open editor holds, so that editor's next save is a conflict instead of a silent rollback.
 */
export function newWriterToken(): string {
  const cryptoApi = globalThis.crypto;
  if (typeof cryptoApi?.randomUUID === 'function') {
    return cryptoApi.randomUUID();
  }
  // randomUUID needs a secure context (https or localhost); getRandomValues does not.
  const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
