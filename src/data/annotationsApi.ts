/**
 * Grafana's organization annotations (`/api/annotations`, pkg/api/annotations.go): where check-ins are written,
 * because an Editor holds `annotations:create` and a Viewer `annotations:read`, while plugin settings take an Admin.
 * An annotation without a dashboard shows on any dashboard whose Grafana annotation query asks for its tags.
 */
import { lastValueFrom } from 'rxjs';
import { getBackendSrv } from '@grafana/runtime';

/** What `POST /api/annotations` takes for an organization annotation (`dtos.PostAnnotationsCmd`). */
export interface NewAnnotation {
  /** Epoch milliseconds. */
  time: number;
  tags: string[];
  text: string;
}

/** The fields of Grafana's `annotations.ItemDTO` the app reads. */
export interface AnnotationItem {
  id: number;
  /** Epoch milliseconds the annotation marks. */
  time: number;
  /** Epoch milliseconds it was written. */
  created: number;
  text: string;
  tags: string[];
  /** The author's Grafana login; empty for an annotation written without a user (an API key). */
  login?: string;
}

export interface AnnotationsClient {
  create(annotation: NewAnnotation): Promise<{ id: number }>;
  /** Annotations carrying every one of `tags`, newest first. */
  find(tags: string[], limit: number): Promise<AnnotationItem[]>;
}

export function grafanaAnnotations(): AnnotationsClient {
  return {
    async create(annotation) {
      const response = await lastValueFrom(
        getBackendSrv().fetch<{ id: number; message: string }>({
          url: '/api/annotations',
          method: 'POST',
          data: annotation,
          showErrorAlert: false,
        })
      );
      return { id: response.data.id };
    },
    async find(tags, limit) {
      const params = new URLSearchParams([
        ...tags.map((tag) => ['tags', tag]),
        ['type', 'annotation'],
        ['limit', String(limit)],
      ]);
      const response = await lastValueFrom(
        getBackendSrv().fetch<AnnotationItem[]>({
          url: `/api/annotations?${params.toString()}`,
          method: 'GET',
          showErrorAlert: false,
        })
      );
      return Array.isArray(response.data) ? response.data : [];
    },
  };
}
