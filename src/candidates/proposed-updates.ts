import { Injectable } from '@nestjs/common';
import type { SchemaObject } from '@nestjs/swagger';
import { EntityManager } from 'typeorm';
import { ItemEditsRepository, TrackedItem } from '../items/item-edits.repository';
import type { Candidate } from './candidate.view';

/** A body POST /v1/items/:id/updates accepts as it is. */
export interface ProposedUpdateBody {
  status?: string;
  effectiveAt?: string;
  note: string;
  progress?: { delivered: { value: string; currency: string }; stage: 'delivered'; period?: string };
  evidence: Array<{ sourceId: string; quote: string }>;
}

export interface ProposedUpdate {
  itemId: string;
  body: ProposedUpdateBody;
}

/** The forward path of a commitment; a later source moves an item along it, never back. */
const FORWARD = ['proposed', 'agreed', 'in_progress', 'fulfilled'];
/** Statuses that report money delivered: the candidate's amount becomes progress. */
const DELIVERY = new Set(['in_progress', 'fulfilled']);

/** Where the passage is and what the source says about when. */
export interface PassageContext {
  sourceId: string;
  /** The source's publication date, when it has one and it is not in the future. */
  publishedAt: Date | null;
  start: number;
  end: number;
}

/**
 * The update a later source's candidate proposes for an item it matches (pure; unit-tested):
 * the status it reports when that moves the item forward (proposed → agreed → in_progress →
 * fulfilled), the amount as delivered progress when it reports delivery in the item's currency,
 * and the passage as evidence. Null when the passage moves nothing, or when the item already
 * records it (a citation of it, or the evidence of an update that is not retracted).
 */
export function proposeUpdate(
  candidate: Pick<Candidate, 'kind' | 'quote' | 'statusHint' | 'amount'>,
  item: TrackedItem,
  at: PassageContext,
): ProposedUpdate | null {
  if (candidate.kind !== item.kind || item.kind !== 'commitment') return null;
  if (item.recorded.some((r) => r.start < at.end && r.end > at.start)) return null;
  const from = FORWARD.indexOf(item.status);
  const to = FORWARD.indexOf(candidate.statusHint);
  const status = from >= 0 && to > from ? candidate.statusHint : undefined;
  const amount = candidate.amount;
  const delivered =
    DELIVERY.has(candidate.statusHint) && amount && amount.currency === item.currency
      ? { value: amount.value, currency: amount.currency }
      : undefined;
  if (!status && !delivered) return null;
  const effectiveAt = at.publishedAt && at.publishedAt.getTime() <= Date.now() ? at.publishedAt : null;
  const period = delivered ? periodOf(item.recurrence, effectiveAt ?? new Date()) : undefined;
  const day = effectiveAt ? ` of ${effectiveAt.toISOString().slice(0, 10)}` : '';
  return {
    itemId: item.id,
    body: {
      ...(status ? { status } : {}),
      ...(effectiveAt ? { effectiveAt: effectiveAt.toISOString() } : {}),
      note: `Reported ${status ? `as ${status.replace('_', ' ')}` : 'delivered'} by a later source${day}.`,
      ...(delivered
        ? { progress: { delivered, stage: 'delivered' as const, ...(period ? { period } : {}) } }
        : {}),
      evidence: [{ sourceId: at.sourceId, quote: candidate.quote }],
    },
  };
}

/** The period a recurring commitment counts delivered money by, for an instant. */
function periodOf(recurrence: string | null, at: Date): string | undefined {
  const year = at.getUTCFullYear();
  if (recurrence === 'annual') return String(year);
  if (recurrence === 'quarterly') return `${year}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
  if (recurrence === 'monthly') return `${year}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
  return undefined;
}

/** The candidates service's hook: every candidate gets `proposedUpdates` for the items it matches. */
@Injectable()
export class ProposedUpdates {
  constructor(private readonly edits: ItemEditsRepository) {}

  async add<C extends Candidate>(
    m: EntityManager,
    sourceId: string,
    publishedAt: Date | null,
    candidates: C[],
  ): Promise<Array<C & { proposedUpdates: ProposedUpdate[] }>> {
    const ids = [...new Set(candidates.flatMap((c) => c.existingItemIds))];
    const items = new Map((await this.edits.trackedItems(m, ids, sourceId)).map((i) => [i.id, i]));
    return candidates.map((c) => {
      const [, position] = c.selectors;
      const at = { sourceId, publishedAt, start: position.start, end: position.end };
      const proposedUpdates = c.existingItemIds.flatMap((id) => {
        const item = items.get(id);
        const proposed = item && proposeUpdate(c, item, at);
        return proposed ? [proposed] : [];
      });
      return { ...c, proposedUpdates };
    });
  }
}

/** `proposedUpdates` in the candidates response (candidates.openapi.ts). */
export const PROPOSED_UPDATES_SCHEMA: SchemaObject = {
  type: 'array',
  description:
    'Updates this passage proposes for the items it matches (existingItemIds): `body` is what POST /v1/items/{itemId}/updates accepts as it is. Empty once recorded.',
  items: {
    type: 'object',
    required: ['itemId', 'body'],
    properties: {
      itemId: { type: 'string', format: 'uuid' },
      body: {
        type: 'object',
        required: ['note', 'evidence'],
        properties: {
          status: { type: 'string', enum: FORWARD },
          effectiveAt: { type: 'string', format: 'date-time' },
          note: { type: 'string' },
          progress: {
            type: 'object',
            required: ['delivered', 'stage'],
            properties: {
              delivered: {
                type: 'object',
                required: ['value', 'currency'],
                properties: { value: { type: 'string' }, currency: { type: 'string' } },
              },
              stage: { type: 'string', enum: ['delivered'] },
              period: { type: 'string' },
            },
          },
          evidence: {
            type: 'array',
            items: {
              type: 'object',
              required: ['sourceId', 'quote'],
              properties: { sourceId: { type: 'string', format: 'uuid' }, quote: { type: 'string' } },
            },
          },
        },
      },
    },
  },
};
