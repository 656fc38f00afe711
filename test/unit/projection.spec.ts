import fc from 'fast-check';
import { currentPeriod, periodAt, StatusEntry, statusPeriods } from '../../src/items/projection';
import { referenceStatus } from '../helpers/status-reference';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 5, 13);
const at = (day: number) => new Date(T0 + day * DAY);
const STATUSES = ['proposed', 'agreed', 'in_progress', 'stalled'];

const entryArb = fc.record({
  status: fc.option(fc.constantFrom(...STATUSES), { nil: null, freq: 4 }),
  effectiveDay: fc.integer({ min: -5, max: 10 }),
  recordedDay: fc.integer({ min: 0, max: 3 }),
  retracted: fc.boolean(),
});
const scenarioArb = fc.record({
  initial: fc.record({ status: fc.constantFrom(...STATUSES), sinceDay: fc.integer({ min: -3, max: 3 }) }),
  entries: fc.array(entryArb, { maxLength: 12 }),
});

function build(
  s: { status: string; sinceDay: number },
  raw: { status: string | null; effectiveDay: number; recordedDay: number; retracted: boolean }[],
) {
  const initial = { status: s.status, since: at(s.sinceDay) };
  const entries: StatusEntry[] = raw.map((e, i) => ({
    status: e.status,
    effectiveAt: at(e.effectiveDay),
    recordedAt: at(e.recordedDay),
    seq: i + 1,
    retracted: e.retracted,
  }));
  return { initial, entries };
}

describe('status projection', () => {
  it('answers every as-of question like the reference model', () => {
    fc.assert(
      fc.property(scenarioArb, ({ initial: i, entries: raw }) => {
        const { initial, entries } = build(i, raw);
        const periods = statusPeriods(initial, [...entries].reverse());
        for (let half = -16; half <= 24; half++) {
          const t = new Date(T0 + (half * DAY) / 2);
          expect(periodAt(periods, t)?.status ?? null).toBe(referenceStatus(initial, entries, t));
        }
        expect(currentPeriod(periods).status).toBe(referenceStatus(initial, entries, at(1000)));
      }),
      { numRuns: 500 },
    );
  });

  it('stores maximal, contiguous, non-empty periods ending open', () => {
    fc.assert(
      fc.property(scenarioArb, ({ initial: i, entries: raw }) => {
        const { initial, entries } = build(i, raw);
        const periods = statusPeriods(initial, entries);
        periods.forEach((p, k) => {
          if (k < periods.length - 1) {
            expect(p.to).toEqual(periods[k + 1].from);
            expect(p.status).not.toBe(periods[k + 1].status);
            expect(p.to!.getTime()).toBeGreaterThan(p.from.getTime());
          } else expect(p.to).toBeNull();
        });
      }),
    );
  });

  it('keeps the initial status from its start when nothing was recorded', () => {
    expect(statusPeriods({ status: 'proposed', since: at(0) }, [])).toEqual([
      { status: 'proposed', from: at(0), to: null },
    ]);
  });

  it('lets a later-recorded entry at the same instant win, and ignores retracted ones', () => {
    const entries: StatusEntry[] = [
      { status: 'agreed', effectiveAt: at(5), recordedAt: at(5), seq: 1, retracted: false },
      { status: 'stalled', effectiveAt: at(5), recordedAt: at(6), seq: 2, retracted: false },
      { status: 'in_progress', effectiveAt: at(7), recordedAt: at(7), seq: 3, retracted: true },
    ];
    expect(statusPeriods({ status: 'proposed', since: at(0) }, entries)).toEqual([
      { status: 'proposed', from: at(0), to: at(5) },
      { status: 'stalled', from: at(5), to: null },
    ]);
  });

  it('starts the history at a backdated entry earlier than the initial status', () => {
    const entries: StatusEntry[] = [
      { status: 'agreed', effectiveAt: at(-2), recordedAt: at(1), seq: 1, retracted: false },
    ];
    const periods = statusPeriods({ status: 'proposed', since: at(0) }, entries);
    expect(periods).toEqual([{ status: 'agreed', from: at(-2), to: null }]);
    expect(periodAt(periods, at(-3))).toBeNull();
  });
});
