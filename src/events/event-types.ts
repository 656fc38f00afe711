/**
 * Every event the service emits, and the shape of its `data`: the one list that the outbox,
 * the webhook subscriptions (`events: [...]`) and the webhook documentation follow.
 */
export interface EventPayloads {
  'item.created': { itemId: string; kind: string; title: string; status: string };
  'item.status_changed': {
    itemId: string;
    from: string;
    to: string;
    /** ISO 8601, UTC, `…Z`. */
    since: string;
    cause: 'created' | 'update' | 'retraction' | 'merge';
    updateId?: string;
  };
  /** A recheck found that a cited passage has left its source's live page (the item keeps the archived text). */
  'item.source_changed': {
    itemId: string;
    sourceId: string;
    citationId: string;
    quote: string;
    liveStatus: 'changed' | 'gone';
  };
  /** Built in SQL by the scheduler (follow-ups/due-follow-ups.ts); keep the two in step. */
  'follow_up.due': {
    followUpId: string;
    itemId: string;
    itemTitle: string;
    dueAt: string;
    note: string;
    assignee: string | null;
    repeatEvery: string | null;
    automatic: boolean;
  };
}

export type EventType = keyof EventPayloads;

/** The same keys as a runtime list; a type missing here (or not in EventPayloads) fails to compile. */
const LISTED: Record<EventType, true> = {
  'follow_up.due': true,
  'item.created': true,
  'item.status_changed': true,
  'item.source_changed': true,
};
export const EVENT_TYPES = Object.keys(LISTED) as EventType[];
