import { TestApp } from '../helpers/app';
import { createItem, createSource, pledgeBody } from '../helpers/factories';
import { Receiver, waitFor } from '../helpers/receiver';
import { SmtpCatcher } from '../helpers/smtp-catcher';

const FAST = { SCHEDULER_ENABLED: 'true', REMINDER_POLL_MS: '50', WEBHOOK_RETRY_BASE_MS: '50' };

/** Follow-ups created by `key`, all due a second from now; returns their ids in order. */
async function dueSoon(t: TestApp, itemId: string, key: string, assignees: string[]): Promise<string[]> {
  const rows: { id: string }[] = await t.db.query(
    `INSERT INTO follow_ups (item_id, due_at, note, assignee, created_by)
     SELECT $1, date_trunc('milliseconds', now()) + interval '1 second', 'Ask again', a, $3
       FROM unnest($2::text[]) WITH ORDINALITY AS v(a, n) ORDER BY n RETURNING id`,
    [itemId, assignees, key],
  );
  return rows.map((r) => r.id);
}

interface Delivery {
  followUpId: string;
  recipient: string;
  state: string;
  reason: string | null;
}

/** The mail deliveries of these follow-ups, in their order, once none is pending any more. */
async function settled(t: TestApp, followUpIds: string[]): Promise<Delivery[]> {
  const read = (): Promise<Delivery[]> =>
    t.db.query(
      `SELECT d.follow_up_id AS "followUpId", d.recipient, d.state, d.last_error AS reason
         FROM unnest($1::uuid[]) WITH ORDINALITY AS f(id, n) JOIN mail_deliveries d ON d.follow_up_id = f.id
        ORDER BY f.n`,
      [followUpIds],
    );
  await waitFor(
    'every mail to be delivered or skipped',
    async () => (await read()).filter((d) => d.state !== 'pending').length === followUpIds.length,
  );
  return read();
}

/**
 * Reminder mail budgets (issue #22, finding 7): per recipient and per API key per hour, and only
 * to MAIL_ALLOWED_DOMAINS; a mail over a budget is skipped and recorded, the reminder still goes
 * out on the other channels.
 */
describe('reminder mail budgets', () => {
  let t: TestApp;
  let smtp: SmtpCatcher;
  let receiver: Receiver;
  let itemId: string;
  beforeAll(async () => {
    smtp = await SmtpCatcher.start();
    receiver = await Receiver.start();
    t = await TestApp.start({
      ...FAST,
      SMTP_URL: smtp.url,
      MAIL_PER_RECIPIENT_PER_HOUR: '2',
      MAIL_PER_KEY_PER_HOUR: '3',
      MAIL_ALLOWED_DOMAINS: 'example.org, pledgewatch.test',
    });
    itemId = (await createItem(t, pledgeBody((await createSource(t)).id))).id;
    const hook = await t.post('/v1/webhooks', { url: receiver.url('/due'), events: ['follow_up.due'] });
    expect(hook.status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
    await smtp.close();
  });

  const webhookCalls = (followUpIds: string[]) =>
    receiver
      .to('/due')
      .filter((r) =>
        followUpIds.includes((JSON.parse(r.body) as { data: { followUpId: string } }).data.followUpId),
      );

  it('mails one address at most MAIL_PER_RECIPIENT_PER_HOUR times; the rest are skipped and still go out as webhooks', async () => {
    const ids = await dueSoon(t, itemId, 'key-a', Array(4).fill('flood@example.org'));
    const deliveries = await settled(t, ids);
    expect(deliveries.map((d) => d.state)).toEqual(['delivered', 'delivered', 'skipped', 'skipped']);
    expect(deliveries[2].reason).toBe(
      'MAIL_PER_RECIPIENT_PER_HOUR: 2 mails to this address in the last hour',
    );
    expect(smtp.to('flood@example.org')).toHaveLength(2);
    await waitFor('every reminder to reach the webhook', () =>
      Promise.resolve(webhookCalls(ids).length === 4),
    );
    const [state] = await t.db.query(
      `SELECT bool_and(state = 'notified') AS notified FROM follow_ups WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(state.notified).toBe(true);

    const listed = await t.get(`/v1/follow-ups/${ids[3]}/deliveries`, { key: t.keys.viewer });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          channel: 'email',
          target: 'flood@example.org',
          state: 'skipped',
          skippedReason: deliveries[3].reason,
          attemptCount: 0,
          attempts: [],
        }),
        expect.objectContaining({ channel: 'webhook', state: 'delivered', skippedReason: null }),
      ]),
    );
  });

  it('counts an address case-insensitively', async () => {
    const ids = await dueSoon(t, itemId, 'key-c', [
      'Case@Example.org',
      'case@example.org',
      'CASE@example.org',
    ]);
    expect((await settled(t, ids)).map((d) => d.state)).toEqual(['delivered', 'delivered', 'skipped']);
  });

  it("mails at most MAIL_PER_KEY_PER_HOUR for one key's follow-ups, whatever the addresses", async () => {
    const addresses = ['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org'];
    const ids = await dueSoon(t, itemId, 'key-b', addresses);
    const deliveries = await settled(t, ids);
    expect(deliveries.map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered', 'skipped']);
    expect(deliveries[3].reason).toBe(
      "MAIL_PER_KEY_PER_HOUR: 3 mails for this key's follow-ups in the last hour",
    );
    expect(smtp.to('d@example.org')).toHaveLength(0);
    // Another key's budget is its own.
    const [other] = await dueSoon(t, itemId, 'key-d', ['d@example.org']);
    expect((await settled(t, [other]))[0].state).toBe('delivered');
  });

  it('refuses an assignee address outside MAIL_ALLOWED_DOMAINS (422), and accepts names and subdomains', async () => {
    const create = (assignee: string) =>
      t.post(`/v1/items/${itemId}/follow-ups`, { dueAt: '2030-01-01T00:00:00Z', note: 'Check', assignee });
    for (const outside of ['someone@evil.example', 'x@notexample.org', 'x@example.org.evil.example']) {
      const res = await create(outside);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('FOLLOW_UP.MAIL_DOMAIN_NOT_ALLOWED');
      expect(res.body.errors).toEqual([
        { path: 'assignee', message: expect.stringContaining('example.org') },
      ]);
    }
    for (const inside of [
      'desk@news.example.org',
      'Desk@PLEDGEWATCH.test',
      'desk-ukraine',
      'Desk <desk@evil.example>',
    ])
      expect((await create(inside)).status).toBe(201);
  });

  it('skips, at delivery, a stored address outside MAIL_ALLOWED_DOMAINS', async () => {
    const [id] = await dueSoon(t, itemId, 'key-e', ['someone@evil.example']);
    const [delivery] = await settled(t, [id]);
    expect(delivery).toMatchObject({
      state: 'skipped',
      reason: "the address's domain is not in MAIL_ALLOWED_DOMAINS",
    });
    expect(smtp.to('someone@evil.example')).toHaveLength(0);
    await waitFor('the reminder to reach the webhook', () =>
      Promise.resolve(webhookCalls([id]).length === 1),
    );
  });
});
