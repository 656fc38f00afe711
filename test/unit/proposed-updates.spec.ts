import { proposeUpdate } from '../../src/candidates/proposed-updates';
import type { TrackedItem } from '../../src/items/item-edits.repository';

const SOURCE = '11111111-1111-4111-8111-111111111111';
const item = (over: Partial<TrackedItem> = {}): TrackedItem => ({
  id: '22222222-2222-4222-8222-222222222222',
  kind: 'commitment',
  status: 'proposed',
  currency: 'EUR',
  recurrence: 'annual',
  recorded: [],
  ...over,
});
const candidate = (over: Record<string, unknown> = {}) => ({
  kind: 'commitment' as const,
  quote: 'leaders agreed to provide at least €40 billion each year',
  statusHint: 'agreed',
  amount: { value: '40000000000', currency: 'EUR', qualifier: 'at_least' },
  ...over,
});
const at = { sourceId: SOURCE, publishedAt: new Date('2024-07-11T18:00:00Z'), start: 100, end: 160 };

describe('the update a later passage proposes', () => {
  it('should move a proposed pledge to agreed with the passage as evidence', () => {
    expect(proposeUpdate(candidate(), item(), at)).toEqual({
      itemId: item().id,
      body: {
        status: 'agreed',
        effectiveAt: '2024-07-11T18:00:00.000Z',
        note: 'Reported as agreed by a later source of 2024-07-11.',
        evidence: [{ sourceId: SOURCE, quote: candidate().quote }],
      },
    });
  });

  it('should never move an item back, nor propose what moves nothing', () => {
    expect(proposeUpdate(candidate(), item({ status: 'in_progress' }), at)).toBeNull();
    expect(proposeUpdate(candidate(), item({ status: 'agreed' }), at)).toBeNull();
    expect(proposeUpdate(candidate({ statusHint: 'proposed' }), item(), at)).toBeNull();
    expect(proposeUpdate(candidate(), item({ status: 'withdrawn' }), at)).toBeNull();
  });

  it('should report delivery as progress in the item currency, with the period of a recurring pledge', () => {
    const proposed = proposeUpdate(candidate({ statusHint: 'fulfilled' }), item({ status: 'agreed' }), at);
    expect(proposed?.body).toMatchObject({
      status: 'fulfilled',
      progress: { delivered: { value: '40000000000', currency: 'EUR' }, stage: 'delivered', period: '2024' },
    });
    const otherCurrency = proposeUpdate(
      candidate({ statusHint: 'in_progress', amount: { value: '5', currency: 'USD', qualifier: 'exactly' } }),
      item({ status: 'in_progress' }),
      at,
    );
    expect(otherCurrency).toBeNull();
  });

  it('should not propose a passage the item already records, nor across kinds', () => {
    expect(proposeUpdate(candidate(), item({ recorded: [{ start: 150, end: 200 }] }), at)).toBeNull();
    expect(proposeUpdate(candidate(), item({ recorded: [{ start: 0, end: 100 }] }), at)).not.toBeNull();
    expect(proposeUpdate(candidate({ kind: 'claim' }), item(), at)).toBeNull();
  });

  it('should leave effectiveAt out when the source has no date or a future one', () => {
    const future = { ...at, publishedAt: new Date(Date.now() + 86_400_000) };
    expect(proposeUpdate(candidate(), item(), future)?.body.effectiveAt).toBeUndefined();
    expect(proposeUpdate(candidate(), item(), { ...at, publishedAt: null })?.body.note).toBe(
      'Reported as agreed by a later source.',
    );
  });
});
