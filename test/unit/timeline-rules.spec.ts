import { parseInstant } from '../../src/common/instant';
import { UpdateTarget, updateViolations } from '../../src/timeline/update-rules';

const NOW = new Date('2024-10-01T12:00:00Z');
const pledge: UpdateTarget = {
  kind: 'commitment',
  amountCurrency: 'EUR',
  recurrence: 'annual',
  targetUnit: null,
};
const claim: UpdateTarget = { kind: 'claim', amountCurrency: null, recurrence: null, targetUnit: null };
const codes = (item: UpdateTarget, input: Parameters<typeof updateViolations>[1]) =>
  updateViolations(item, input, NOW).map((v) => `${v.path}:${v.spec.code}`);

describe('timeline update rules', () => {
  it('accepts a plain backdated status change', () => {
    expect(codes(pledge, { status: 'agreed', effectiveAt: '2024-07-10T12:00:00Z' })).toEqual([]);
  });

  it('refuses a status from the other scale', () => {
    expect(codes(claim, { status: 'agreed' })).toEqual(['status:TIMELINE.STATUS_NOT_ON_SCALE']);
  });

  it('refuses a verdict without evidence and accepts it with some', () => {
    expect(codes(pledge, { status: 'fulfilled' })).toEqual(['evidence:TIMELINE.EVIDENCE_REQUIRED']);
    expect(codes(pledge, { status: 'fulfilled', evidence: [{}] })).toEqual([]);
    expect(codes(pledge, { status: 'in_progress' })).toEqual([]);
  });

  it('refuses the future beyond a minute of clock skew, and the implausibly early', () => {
    expect(codes(pledge, { effectiveAt: '2024-10-01T12:00:30Z' })).toEqual([]);
    expect(codes(pledge, { effectiveAt: '2024-10-01T12:05:00Z' })).toEqual([
      'effectiveAt:TIMELINE.EFFECTIVE_AT_IN_FUTURE',
    ]);
    expect(codes(pledge, { effectiveAt: '1850-01-01' })).toEqual([
      'effectiveAt:TIMELINE.EFFECTIVE_AT_TOO_EARLY',
    ]);
    expect(codes(pledge, { effectiveAt: '2024-07-10T12:00:00' })).toEqual([
      'effectiveAt:TIMELINE.INVALID_INSTANT',
    ]);
  });

  it("wants delivered money in the commitment's currency, for a period of its recurrence", () => {
    const delivered = { value: '1000', currency: 'EUR' };
    expect(codes(pledge, { progress: { delivered, period: '2024' } })).toEqual([]);
    expect(
      codes(pledge, { progress: { delivered: { value: '1000', currency: 'USD' }, period: '2024' } }),
    ).toEqual(['progress.delivered.currency:TIMELINE.CURRENCY_MISMATCH']);
    expect(codes(pledge, { progress: { delivered } })).toEqual(['progress.period:TIMELINE.PERIOD_MISMATCH']);
    expect(codes(pledge, { progress: { delivered, period: '2024-Q3' } })).toEqual([
      'progress.period:TIMELINE.PERIOD_MISMATCH',
    ]);
    expect(
      codes({ ...pledge, recurrence: 'quarterly' }, { progress: { delivered, period: '2024-Q3' } }),
    ).toEqual([]);
    expect(codes({ ...pledge, amountCurrency: null, recurrence: null }, { progress: { delivered } })).toEqual(
      ['progress.delivered.currency:TIMELINE.CURRENCY_MISMATCH'],
    );
  });

  it('keeps progress to commitments, and wants something in it', () => {
    expect(codes(claim, { progress: { percent: 10 } })).toEqual([
      'progress:TIMELINE.PROGRESS_COMMITMENT_ONLY',
    ]);
    expect(codes(pledge, { progress: { period: '2024' } })).toEqual(['progress:REQUEST.VALIDATION_FAILED']);
    expect(codes(pledge, { progress: { percent: 40 } })).toEqual([]);
  });
});

describe('parseInstant', () => {
  it('reads timestamps with a zone and dates as midnight UTC', () => {
    expect(parseInstant('2024-07-10T14:00:00+02:00')?.toISOString()).toBe('2024-07-10T12:00:00.000Z');
    expect(parseInstant('2024-07-10')?.toISOString()).toBe('2024-07-10T00:00:00.000Z');
  });

  it('refuses zoneless timestamps, impossible dates and non-strings', () => {
    for (const bad of ['2024-07-10T12:00:00', '2024-02-30', 'yesterday', '', 42, null, ['2024-07-10']])
      expect(parseInstant(bad)).toBeNull();
  });
});
