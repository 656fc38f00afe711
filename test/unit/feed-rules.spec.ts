import { etagOf } from '../../src/feeds/feed-etag';
import { newFeedToken, parseFeedFile } from '../../src/feeds/feed-token';
import { dueWindowLabel, followUpTiming } from '../../src/follow-ups/due-window';

describe('feed file names', () => {
  it('should split a new token’s .ics and .atom file names into token and format', () => {
    const token = newFeedToken();
    expect(parseFeedFile(`${token}.ics`)).toEqual({ token, format: 'ics' });
    expect(parseFeedFile(`${token}.atom`)).toEqual({ token, format: 'atom' });
  });

  it('should refuse other extensions, bare tokens and things that are not tokens (API keys included)', () => {
    const token = newFeedToken();
    expect(parseFeedFile(`${token}.json`)).toBeNull();
    expect(parseFeedFile(token)).toBeNull();
    expect(parseFeedFile(`pw_${'a'.repeat(43)}.ics`)).toBeNull();
    expect(parseFeedFile(`${token}x.ics`)).toBeNull();
  });

  it('should make a different token every time', () => {
    expect(newFeedToken()).not.toBe(newFeedToken());
  });
});

describe('feed ETags', () => {
  it('should be a strong quoted tag that changes with any of its inputs', () => {
    expect(etagOf('a', 1, null)).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(etagOf('a', 1)).toBe(etagOf('a', 1));
    expect(etagOf('a', 1)).not.toBe(etagOf('a', 2));
    expect(etagOf('a', null)).not.toBe(etagOf('a', 'null '));
  });
});

describe('due windows', () => {
  it('should say a window as people do', () => {
    expect(dueWindowLabel('2024-12-31', 'year')).toBe('2024');
    expect(dueWindowLabel('2024-11-30', 'quarter')).toBe('Q4 2024');
    expect(dueWindowLabel('2024-02-29', 'month')).toBe('February 2024');
    expect(dueWindowLabel('2024-06-14', 'day')).toBe('2024-06-14');
  });

  it('should make an automatic follow-up at the end of a month, quarter or year window all-day on its last day', () => {
    const timing = followUpTiming({
      dueAt: new Date('2024-06-30T23:59:59.999Z'),
      automatic: true,
      itemDueAt: '2024-05-10',
      duePrecision: 'quarter',
    });
    expect(timing).toEqual({ allDay: true, date: '2024-06-30', window: 'Q2 2024' });
  });

  it('should make a day-precision commitment’s own follow-up all-day on that day, not 23:59:59 UTC', () => {
    const at = new Date('2024-06-14T23:59:59.999Z');
    expect(
      followUpTiming({ dueAt: at, automatic: true, itemDueAt: '2024-06-14', duePrecision: 'day' }),
    ).toEqual({ allDay: true, date: '2024-06-14', window: '2024-06-14' });
  });

  it('should keep snoozed and hand-made follow-ups at their instant', () => {
    const at = new Date('2024-12-31T23:59:59.999Z');
    const snoozed = new Date('2025-01-07T09:00:00Z');
    expect(
      followUpTiming({ dueAt: snoozed, automatic: true, itemDueAt: '2024-12-31', duePrecision: 'day' }),
    ).toEqual({ allDay: false, at: snoozed });
    expect(
      followUpTiming({ dueAt: snoozed, automatic: true, itemDueAt: '2024-12-31', duePrecision: 'year' }),
    ).toEqual({ allDay: false, at: snoozed });
    expect(
      followUpTiming({ dueAt: at, automatic: false, itemDueAt: '2024-12-31', duePrecision: 'year' }),
    ).toEqual({ allDay: false, at });
  });
});
