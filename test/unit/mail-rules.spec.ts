import { decideMail, replyCode } from '../../src/mail/mail-retry';
import { dueLine, isMailableAssignee, reminderMessage } from '../../src/mail/reminder-mail';

const SETTINGS = { baseMs: 1000, maxAttempts: 3 };

describe('who is mailed', () => {
  it('should mail an assignee that is an email address', () => {
    expect(isMailableAssignee('desk@example.org')).toBe(true);
  });

  it('should never mail names, display-name forms, empty or missing assignees', () => {
    for (const assignee of ['desk-ukraine', 'Desk <desk@example.org>', 'desk@', '', null, undefined])
      expect(isMailableAssignee(assignee)).toBe(false);
  });
});

describe('mail retries', () => {
  it('should be delivered once the server accepted the message', () => {
    expect(decideMail({ messageId: '<x@y>', responseCode: 250 }, 1, SETTINGS)).toEqual({
      kind: 'delivered',
    });
  });

  it('should read the reply code at the start of the server’s answer, or none', () => {
    expect(replyCode('250 2.0.0 Ok: queued as 4BQ3xk')).toBe(250);
    expect(replyCode('250 OK: message queued')).toBe(250);
    expect(replyCode('2500 not a code')).toBeNull();
    expect(replyCode('queued')).toBeNull();
    expect(replyCode(undefined)).toBeNull();
  });

  it('should retry a 4xx answer or no answer with exponential backoff', () => {
    const noJitter = () => 0;
    expect(decideMail({ error: 'try later', responseCode: 451 }, 1, SETTINGS, noJitter)).toEqual({
      kind: 'retry',
      delayMs: 1000,
    });
    expect(decideMail({ error: 'ECONNREFUSED', responseCode: null }, 2, SETTINGS, noJitter)).toEqual({
      kind: 'retry',
      delayMs: 2000,
    });
  });

  it('should give up on a 5xx answer at once, and on anything after the last attempt', () => {
    expect(decideMail({ error: 'no such user', responseCode: 550 }, 1, SETTINGS).kind).toBe('failed');
    expect(decideMail({ error: 'try later', responseCode: 451 }, 3, SETTINGS)).toEqual({
      kind: 'failed',
      reason: 'gave up after 3 attempts (last: try later)',
    });
  });
});

describe('the reminder message', () => {
  const reminder = {
    followUpId: 'f1',
    itemId: 'i1',
    itemTitle: 'Allies provide Ukraine at least €40bn <per year>',
    dueAt: new Date('2024-09-13T09:00:00Z'),
    note: 'How much of the €40bn has been delivered?',
    automatic: false,
    itemDueAt: null,
    duePrecision: 'day' as const,
  };

  it('should say the item, the note, when it is due and link the item, in text and in escaped HTML', () => {
    const message = reminderMessage(reminder, 'https://pw.example.org/');
    expect(message.subject).toBe('Follow-up due: Allies provide Ukraine at least €40bn <per year>');
    expect(message.text).toContain('How much of the €40bn has been delivered?');
    expect(message.text).toContain('Due Friday, 13 September 2024 at 09:00 UTC.');
    expect(message.text).toContain('https://pw.example.org/#/items/i1');
    expect(message.html).toContain('at least €40bn &lt;per year&gt;');
    expect(message.html).toContain('<a href="https://pw.example.org/#/items/i1">');
    expect(message.html).not.toContain('<per year>');
  });

  it('should give a commitment’s own reminder as the end of its window', () => {
    expect(
      dueLine({
        ...reminder,
        automatic: true,
        itemDueAt: '2024-12-31',
        duePrecision: 'year',
        dueAt: new Date('2024-12-31T23:59:59.999Z'),
      }),
    ).toBe('Due by the end of 2024');
  });

  it('should give a day-precision commitment’s own reminder as that day, not 23:59 UTC', () => {
    expect(
      dueLine({
        ...reminder,
        automatic: true,
        itemDueAt: '2024-06-14',
        duePrecision: 'day',
        dueAt: new Date('2024-06-14T23:59:59.999Z'),
      }),
    ).toBe('Due by the end of 2024-06-14');
  });
});
