/** Grafana's slugs and uids, as dashboards, folders and plugin includes use them. */
import { randomBytes } from 'node:crypto';

/** Lower-case words joined by "-" (Grafana's slugify for titles). */
export function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A new uid like Grafana's short uids: 14 characters, starting with a letter. */
export function generateUid(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(14);
  return Array.from(bytes, (byte, i) => alphabet[byte % (i === 0 ? 26 : alphabet.length)]).join('');
}

/** The uid rule of Grafana's dashboard and folder services; undefined when the uid is fine. */
export function uidProblem(uid: string): string | undefined {
  if (!/^[a-zA-Z0-9\-_]*$/.test(uid)) {
    return 'uid contains illegal characters';
  }
  return uid.length > 40 ? 'uid too long, max 40 characters' : undefined;
}

/** The 403 text of Grafana's access-control middleware. */
export const permissionDenied = (action: string) =>
  `You'll need additional permissions to perform this action. Permissions needed: ${action}`;
