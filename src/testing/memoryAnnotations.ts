import type { AnnotationItem, AnnotationsClient } from '../data/annotationsApi';

/**
 * Grafana's organization annotations in memory, written by `login`: each create is stored with Grafana's id, author
 * and creation time, and `find` answers as GET /api/annotations does (every tag matched, newest first, limit).
 */
export function memoryAnnotations(login = 'alice', now: () => number = Date.now, items: AnnotationItem[] = []) {
  const client: AnnotationsClient = {
    create: async ({ time, tags, text }) => {
      const id = items.length + 1;
      items.push({ id, time, tags: [...tags], text, login, created: now() });
      return { id };
    },
    find: async (tags, limit) =>
      items
        .filter((item) => tags.every((tag) => item.tags.includes(tag)))
        .sort((a, b) => b.time - a.time || b.id - a.id)
        .slice(0, limit)
        .map((item) => ({ ...item, tags: [...item.tags] })),
  };
  return { client, items };
}
