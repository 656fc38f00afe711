import { TestApp } from '../helpers/app';
import { createItem, createSource, pledgeBody } from '../helpers/factories';
import { waitFor } from '../helpers/receiver';
import { SmtpCatcher } from '../helpers/smtp-catcher';

const BASE = 'https://pledgewatch.example.org';
const FAST = { SCHEDULER_ENABLED: 'true', REMINDER_POLL_MS: '50', WEBHOOK_RETRY_BASE_MS: '50' };

/** Follow-ups on one item, all due a second from now; returns their ids in order. */
async function dueSoon(t: TestApp, itemId: string, assignees: (string | null)[]): Promise<string[]> {
  const rows: { id: string }[] = await t.db.query(
    `INSERT INTO follow_ups (item_id, due_at, note, assignee, created_by)
     SELECT $1, date_trunc('milliseconds', now()) + interval '1 second', 'Ask how much was delivered <b>so far</b>', a, 'test'
       FROM unnest($2::text[]) WITH ORDINALITY AS v(a, n) ORDER BY n RETURNING id`,
    [itemId, assignees],
  );
  return rows.map((r) => r.id);
}

const finished = async (t: TestApp, followUpIds: string[]) =>
  (
    await t.db.query(
      `SELECT count(*)::int AS n FROM mail_deliveries WHERE follow_up_id = ANY($1::uuid[]) AND state <> 'pending'`,
      [followUpIds],
    )
  )[0].n as number;

describe('reminder mails over SMTP', () => {
  let t: TestApp;
  let smtp: SmtpCatcher;
  let itemId: string;
  let title: string;
  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    t = await TestApp.start({
      ...FAST,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Pledgewatch <reminders@example.org>',
      PUBLIC_BASE_URL: BASE,
      WEBHOOK_MAX_ATTEMPTS: '4',
    });
    const item = await createItem(t, pledgeBody((await createSource(t)).id));
    itemId = item.id;
    title = item.title;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('mails a due follow-up to an email assignee once, in text and HTML, and nobody else', async () => {
    const [mailed, ...others] = await dueSoon(t, itemId, [
      'desk@example.org',
      'desk-ukraine',
      null,
      'Desk <desk@example.org>',
    ]);
    await waitFor('the mail to be delivered', async () => (await finished(t, [mailed])) === 1);
    await waitFor(
      'every follow-up to be notified',
      async () =>
        (
          await t.db.query(
            `SELECT bool_and(state = 'notified') AS ok FROM follow_ups WHERE id = ANY($1::uuid[])`,
            [[mailed, ...others]],
          )
        )[0].ok,
    );
    const [event] = await t.db.query(
      `SELECT id FROM events WHERE type = 'follow_up.due' AND data->>'followUpId' = $1`,
      [mailed],
    );
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail.to).toBe('desk@example.org');
    expect(mail.messageId).toBe(`<${event.id}@pledgewatch.example.org>`);
    expect(mail.subject).toBe(`Follow-up due: ${title}`);
    expect(mail.text).toContain('Ask how much was delivered <b>so far</b>');
    expect(mail.text).toMatch(/Due \w+day, \d+ \w+ \d{4} at \d\d:\d\d UTC\./);
    expect(mail.text).toContain(`${BASE}/#/items/${itemId}`);
    expect(mail.html).toContain('Ask how much was delivered &lt;b&gt;so far&lt;/b&gt;');
    expect(mail.html).toContain(`<a href="${BASE}/#/items/${itemId}">`);
    expect(mail.html).toContain(title);
    // RFC 3834: vacation responders and other auto-replies leave it unanswered.
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM mail_deliveries WHERE follow_up_id = ANY($1::uuid[])`,
          [others],
        )
      )[0].n,
    ).toBe(0);

    const listed = await t.get(`/v1/follow-ups/${mailed}/deliveries`, { key: t.keys.viewer });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([
      expect.objectContaining({
        channel: 'email',
        target: 'desk@example.org',
        eventId: event.id,
        state: 'delivered',
        attemptCount: 1,
        // The server's reply to the accepted DATA (smtp-server: "250 OK: message queued").
        attempts: [expect.objectContaining({ attempt: 1, responseCode: 250, error: null })],
      }),
    ]);
    expect(listed.body.data[0].attempts[0].at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(listed.body.data[0].deliveredAt).toMatch(/Z$/);
  });

  it('retries with backoff after the server refuses twice, and sends the mail once', async () => {
    smtp.refuse = (to, attempt) => (to === 'retry@example.org' && attempt <= 2 ? 451 : null);
    const [id] = await dueSoon(t, itemId, ['retry@example.org']);
    await waitFor('the retried mail to be delivered', async () => (await finished(t, [id])) === 1);
    expect(smtp.attempts.get('retry@example.org')).toBe(3);
    expect(smtp.to('retry@example.org')).toHaveLength(1);
    const listed = await t.get(`/v1/follow-ups/${id}/deliveries`);
    const [delivery] = listed.body.data;
    expect(delivery).toMatchObject({ channel: 'email', state: 'delivered', attemptCount: 3 });
    expect(delivery.attempts.map((a: { responseCode: number | null }) => a.responseCode)).toEqual([
      451, 451, 250,
    ]);
    expect(delivery.attempts[0].error).toContain('refused (attempt 1)');
    // Backoff: the second attempt waited at least the base delay after the first.
    const [first, second] = delivery.attempts.map((a: { at: string }) => Date.parse(a.at));
    expect(second - first).toBeGreaterThanOrEqual(50);
  });

  it('gives up at once when the server refuses for good (5xx)', async () => {
    smtp.refuse = (to) => (to === 'nobody@example.org' ? 550 : null);
    const [id] = await dueSoon(t, itemId, ['nobody@example.org']);
    await waitFor('the mail to fail', async () => (await finished(t, [id])) === 1);
    const [delivery] = (await t.get(`/v1/follow-ups/${id}/deliveries`)).body.data;
    expect(delivery).toMatchObject({ state: 'failed', attemptCount: 1 });
    expect(smtp.attempts.get('nobody@example.org')).toBe(1);
  });

  it('answers 404 for the deliveries of an unknown follow-up', async () => {
    const res = await t.get('/v1/follow-ups/00000000-0000-4000-8000-000000000000/deliveries');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('FOLLOW_UP.NOT_FOUND');
  });
});

describe('without SMTP_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(FAST);
  });
  afterAll(async () => t.close());

  it('mails nothing and records no mail delivery, while the reminder still goes out as an event', async () => {
    const item = await createItem(t, pledgeBody((await createSource(t)).id));
    const [id] = await dueSoon(t, item.id, ['desk@example.org']);
    await waitFor(
      'the reminder event to be dispatched',
      async () =>
        (
          await t.db.query(
            `SELECT count(*)::int AS n FROM events WHERE type = 'follow_up.due' AND data->>'followUpId' = $1 AND dispatched_at IS NOT NULL`,
            [id],
          )
        )[0].n === 1,
    );
    expect(await t.count('mail_deliveries')).toBe(0);
    expect((await t.get(`/v1/follow-ups/${id}/deliveries`)).body.data).toEqual([]);
  });
});
