import { ApiError, send } from './api';
import type { Item } from './types';

/** Corrections to an item (issue #24): each write names the ETag it read, and answers the new one. */
export interface Tagged<T> {
  body: T;
  etag: string;
}

const tagged = async <T>(response: Response): Promise<Tagged<T>> => ({
  body: (response.status === 204 ? undefined : await response.json()) as T,
  etag: response.headers.get('etag') ?? '',
});

export const readItem = async (id: string) => tagged<Item>(await send('GET', `/v1/items/${id}`));

export const editItem = async (id: string, changes: Partial<Item>, etag: string) =>
  tagged<Item>(await send('PATCH', `/v1/items/${id}`, changes, { 'if-match': etag }));

export const discardItem = async (id: string, etag: string) =>
  tagged<void>(await send('DELETE', `/v1/items/${id}`, undefined, { 'if-match': etag }));

export const mergeItem = async (id: string, intoId: string) =>
  tagged<Item>(await send('POST', `/v1/items/${id}/merge`, { intoId }));

export const citeOnItem = async (
  id: string,
  citation: { sourceId: string; role: string; quote: string; language: string },
) => tagged<Item>(await send('POST', `/v1/items/${id}/citations`, citation));

/** Whether the error is a stale If-Match (412): someone else changed the item meanwhile. */
export const isStale = (error: unknown) => error instanceof ApiError && error.problem.status === 412;
