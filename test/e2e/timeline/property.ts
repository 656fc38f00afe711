import fc from 'fast-check';
import type { StatusEntry } from '../../../src/items/projection';
import { TestApp } from '../../helpers/app';
import { createItem, pledgeBody, startWithSource } from '../../helpers/factories';
import { referenceStatus } from '../../helpers/status-reference';

const DAY = 86_400_000;
/** The origin source's publication: the initial status starts here. */
const PUBLISHED = Date.parse('2024-06-13T18:00:00Z');
const dayAt = (d: number) => new Date(PUBLISHED + d * DAY);

type Op = { kind: 'append'; status: string | null; day: number } | { kind: 'retract'; pick: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      status: fc.option(fc.constantFrom('proposed', 'agreed', 'in_progress', 'stalled'), {
        nil: null,
        freq: 5,
      }),
      day: fc.integer({ min: -4, max: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retract' as const), pick: fc.nat() }) },
);

/** Random timelines written through the API; the stored status and every asOf must match the reference model. */
describe('timeline against the reference model', () => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => ({ t, sourceId } = await startWithSource()));
  afterAll(async () => t.close());

  it('should agree on the current status and on the status as of every day', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        const item = await createItem(t, pledgeBody(sourceId));
        const entries: (StatusEntry & { id: string })[] = [];
        for (const op of ops) {
          if (op.kind === 'append') {
            const body = {
              note: 'generated',
              effectiveAt: dayAt(op.day).toISOString(),
              ...(op.status ? { status: op.status } : {}),
            };
            const res = await t.post(`/v1/items/${item.id}/updates`, body);
            expect(res.status).toBe(201);
            entries.push({
              id: res.body.id,
              status: op.status,
              effectiveAt: dayAt(op.day),
              recordedAt: new Date(res.body.recordedAt),
              seq: entries.length,
              retracted: false,
            });
          } else if (entries.length > 0) {
            const target = entries[op.pick % entries.length];
            const res = await t.post(`/v1/items/${item.id}/updates/${target.id}/retract`, {
              reason: 'generated',
            });
            expect(res.status).toBe(target.retracted ? 409 : 200);
            target.retracted = true;
          }
        }
        const initial = { status: 'proposed', since: new Date(PUBLISHED) };
        expect((await t.get(`/v1/items/${item.id}`)).body.status).toBe(
          referenceStatus(initial, entries, new Date()),
        );
        for (let half = -10; half <= 18; half++) {
          const at = new Date(PUBLISHED + (half * DAY) / 2);
          const res = await t.get(`/v1/items/${item.id}?asOf=${at.toISOString()}`);
          expect(res.body.status).toBe(referenceStatus(initial, entries, at));
        }
      }),
      { numRuns: 25 },
    );
    // About a thousand requests, whose time is the machine's load (191 s at a load average of 28):
    // the limit only guards a hang.
  }, 300_000);
});
