import {
  ALL_STATUSES,
  CLAIM_STATUSES,
  COMMITMENT_STATUSES,
  defaultStatus,
  isStatusOnScale,
  needsEvidence,
  statusScale,
  VERDICT_STATUSES,
} from '../../src/items/status-scales';
import { dueWindowEnd } from '../../src/items/due-window';

describe('status scales', () => {
  it('gives each kind its own scale', () => {
    expect(statusScale('commitment')).toEqual(COMMITMENT_STATUSES);
    expect(statusScale('claim')).toEqual(CLAIM_STATUSES);
  });

  it('keeps the two scales disjoint', () => {
    expect(new Set(ALL_STATUSES).size).toBe(COMMITMENT_STATUSES.length + CLAIM_STATUSES.length);
  });

  it('rejects a status from the other scale', () => {
    expect(isStatusOnScale('claim', 'fulfilled')).toBe(false);
    expect(isStatusOnScale('commitment', 'confirmed')).toBe(false);
    expect(isStatusOnScale('commitment', 'agreed')).toBe(true);
    expect(isStatusOnScale('claim', 'disputed')).toBe(true);
  });

  it('rejects unknown words and other spellings', () => {
    expect(isStatusOnScale('commitment', 'Proposed')).toBe(false);
    expect(isStatusOnScale('commitment', 'done')).toBe(false);
  });

  it('starts commitments as proposed and claims as unverified', () => {
    expect(defaultStatus('commitment')).toBe('proposed');
    expect(defaultStatus('claim')).toBe('unverified');
  });
});

describe('needsEvidence', () => {
  it.each([...VERDICT_STATUSES])('requires evidence to move to %s', (status) => {
    expect(needsEvidence(status)).toBe(true);
  });

  it.each(['proposed', 'agreed', 'in_progress', 'stalled', 'unverified'])(
    'does not require evidence to move to %s',
    (status) => expect(needsEvidence(status)).toBe(false),
  );

  it('covers every status: verdicts and non-verdicts are a partition of both scales', () => {
    const open = ALL_STATUSES.filter((s) => !needsEvidence(s));
    expect(open.sort()).toEqual(['agreed', 'in_progress', 'proposed', 'stalled', 'unverified']);
  });
});

describe('dueWindowEnd', () => {
  it('ends a day-precision date at the last millisecond of that day', () => {
    expect(dueWindowEnd('2024-06-14', 'day').toISOString()).toBe('2024-06-14T23:59:59.999Z');
  });

  it('ends "by the end of 2024" on 31 December', () => {
    expect(dueWindowEnd('2024-12-31', 'year').toISOString()).toBe('2024-12-31T23:59:59.999Z');
  });

  it('ends a quarter-precision date at the end of its quarter', () => {
    expect(dueWindowEnd('2024-05-10', 'quarter').toISOString()).toBe('2024-06-30T23:59:59.999Z');
    expect(dueWindowEnd('2024-11-02', 'quarter').toISOString()).toBe('2024-12-31T23:59:59.999Z');
  });

  it('ends a month-precision date on the month’s last day, leap years included', () => {
    expect(dueWindowEnd('2024-02-10', 'month').toISOString()).toBe('2024-02-29T23:59:59.999Z');
    expect(dueWindowEnd('2023-02-10', 'month').toISOString()).toBe('2023-02-28T23:59:59.999Z');
    expect(dueWindowEnd('2024-12-01', 'month').toISOString()).toBe('2024-12-31T23:59:59.999Z');
  });

  it('rolls a day-precision date over the end of the year', () => {
    expect(dueWindowEnd('2024-12-31', 'day').toISOString()).toBe('2024-12-31T23:59:59.999Z');
  });

  it('rejects impossible or malformed dates', () => {
    expect(() => dueWindowEnd('2023-02-29', 'day')).toThrow(RangeError);
    expect(() => dueWindowEnd('2024-13-01', 'month')).toThrow(RangeError);
    expect(() => dueWindowEnd('2024-6-1', 'day')).toThrow(RangeError);
    expect(() => dueWindowEnd('2024-06-01T00:00:00Z', 'day')).toThrow(RangeError);
  });
});
