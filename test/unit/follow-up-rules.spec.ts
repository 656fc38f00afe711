import { planAutomaticFollowUp } from '../../src/follow-ups/automatic-follow-up';
import { addDuration, nextOccurrence, parseDuration, repeatProblem } from '../../src/follow-ups/duration';
import { FOLLOW_UP_STATES, nextState } from '../../src/follow-ups/follow-up-state';

const at = (iso: string) => new Date(iso);

describe('follow-up state machine', () => {
  it('goes scheduled → notified → done, and cancels from either open state', () => {
    expect(nextState('scheduled', 'notify')).toBe('notified');
    expect(nextState('notified', 'complete')).toBe('done');
    expect(nextState('scheduled', 'complete')).toBe('done');
    expect(nextState('scheduled', 'cancel')).toBe('cancelled');
    expect(nextState('notified', 'cancel')).toBe('cancelled');
  });

  it('snoozes an open follow-up back to scheduled', () => {
    expect(nextState('notified', 'snooze')).toBe('scheduled');
    expect(nextState('scheduled', 'snooze')).toBe('scheduled');
  });

  it('refuses every action on a done or cancelled follow-up', () => {
    for (const state of ['done', 'cancelled'] as const) {
      for (const action of ['notify', 'complete', 'snooze', 'cancel', 'reschedule'] as const)
        expect(nextState(state, action)).toBeNull();
    }
  });

  it('notifies only a scheduled follow-up, so a reminder goes out once per scheduling', () => {
    expect(FOLLOW_UP_STATES.filter((s) => nextState(s, 'notify') !== null)).toEqual(['scheduled']);
  });
});

describe('ISO 8601 durations', () => {
  it('parses the forms researchers use', () => {
    expect(parseDuration('P3M')).toMatchObject({ months: 3, days: 0 });
    expect(parseDuration('P1Y2M3DT4H5M6S')).toEqual({
      years: 1,
      months: 2,
      weeks: 0,
      days: 3,
      hours: 4,
      minutes: 5,
      seconds: 6,
    });
    expect(parseDuration('P2W')).toMatchObject({ weeks: 2 });
  });

  it('rejects what is not a duration', () => {
    for (const bad of ['', 'P', 'PT', '3M', 'P1.5M', 'P-1D', 'every month', 'P1DT', 'p3m', 'PT1H '])
      expect(parseDuration(bad)).toBeNull();
  });

  it('refuses repeats shorter than an hour, and zero', () => {
    expect(repeatProblem('PT59M')).toMatch(/at least one hour/);
    expect(repeatProblem('P0D')).toMatch(/at least one hour/);
    expect(repeatProblem('PT1H')).toBeNull();
    expect(repeatProblem('soon')).toMatch(/ISO 8601/);
  });

  it('adds months on the calendar, keeping to the end of shorter months', () => {
    expect(addDuration(at('2024-01-31T09:00:00Z'), parseDuration('P1M')!).toISOString()).toBe(
      '2024-02-29T09:00:00.000Z',
    );
    expect(addDuration(at('2023-01-31T09:00:00Z'), parseDuration('P1M')!).toISOString()).toBe(
      '2023-02-28T09:00:00.000Z',
    );
    expect(addDuration(at('2024-06-14T09:00:00Z'), parseDuration('P3M')!).toISOString()).toBe(
      '2024-09-14T09:00:00.000Z',
    );
    expect(addDuration(at('2024-02-29T00:00:00Z'), parseDuration('P1Y')!).toISOString()).toBe(
      '2025-02-28T00:00:00.000Z',
    );
    expect(addDuration(at('2024-06-14T09:00:00Z'), parseDuration('P1DT12H')!).toISOString()).toBe(
      '2024-06-15T21:00:00.000Z',
    );
  });

  it('schedules the next occurrence after now, skipping those already past', () => {
    const repeat = parseDuration('P3M')!;
    expect(nextOccurrence(at('2024-06-14T09:00:00Z'), repeat, at('2024-06-20T00:00:00Z')).toISOString()).toBe(
      '2024-09-14T09:00:00.000Z',
    );
    expect(nextOccurrence(at('2024-06-14T09:00:00Z'), repeat, at('2025-01-01T00:00:00Z')).toISOString()).toBe(
      '2025-03-14T09:00:00.000Z',
    );
    expect(
      nextOccurrence(
        at('2024-01-31T00:00:00Z'),
        parseDuration('P1M')!,
        at('2024-04-01T00:00:00Z'),
      ).toISOString(),
    ).toBe('2024-04-30T00:00:00.000Z');
  });

  it('finds the next occurrence of an hourly repeat decades late without stepping through each hour', () => {
    const next = nextOccurrence(
      at('1990-01-01T00:00:00Z'),
      parseDuration('PT1H')!,
      at('2024-06-14T09:30:00Z'),
    );
    expect(next.toISOString()).toBe('2024-06-14T10:00:00.000Z');
  });
});

describe('automatic follow-up plan', () => {
  const end = at('2024-12-31T23:59:59.999Z');

  it('creates one when a commitment gets a due date', () => {
    expect(planAutomaticFollowUp(null, end)).toEqual({ kind: 'create', dueAt: end });
  });

  it('moves the open one when the due date moves, and leaves it when it does not', () => {
    expect(
      planAutomaticFollowUp({ id: 'a', dueAt: at('2024-06-30T23:59:59.999Z'), state: 'notified' }, end),
    ).toEqual({ kind: 'move', id: 'a', dueAt: end });
    expect(planAutomaticFollowUp({ id: 'a', dueAt: end, state: 'scheduled' }, end)).toEqual({ kind: 'none' });
  });

  it('cancels the open one when the due date is removed', () => {
    expect(planAutomaticFollowUp({ id: 'a', dueAt: end, state: 'scheduled' }, null)).toEqual({
      kind: 'cancel',
      id: 'a',
    });
    expect(planAutomaticFollowUp({ id: 'a', dueAt: end, state: 'done' }, null)).toEqual({ kind: 'none' });
  });

  it('keeps a finished one finished, but opens a new one for a new due date', () => {
    expect(planAutomaticFollowUp({ id: 'a', dueAt: end, state: 'done' }, end)).toEqual({ kind: 'none' });
    const later = at('2025-12-31T23:59:59.999Z');
    expect(planAutomaticFollowUp({ id: 'a', dueAt: end, state: 'cancelled' }, later)).toEqual({
      kind: 'create',
      dueAt: later,
    });
  });
});
