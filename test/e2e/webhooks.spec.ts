import { Webhook } from 'standardwebhooks';
import { TestApp } from '../helpers/app';
import { createItem, createSource, pledgeBody } from '../helpers/factories';
import { Receiver, waitFor } from '../helpers/receiver';

/** Scheduler on, polling and backoff in milliseconds, so every delivery story ends within seconds. */
const FAST = {
  SCHEDULER_ENABLED: 'true',
  REMINDER_POLL_MS: '50',
  WEBHOOK_RETRY_BASE_MS: '50',
  WEBHOOK_MAX_ATTEMPTS: '3',
  WEBHOOK_TIMEOUT_MS: '2000',
};

describe('webhooks', () => {
  let t: TestApp;
  let receiver: Receiver;
  let itemId: string;
  beforeAll(async () => {
    receiver = await Receiver.start();
    t = await TestApp.start(FAST);
    const source = await createSource(t);
    itemId = (await createItem(t, pledgeBody(source.id))).id;
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const subscribe = async (path: string, events = ['follow_up.due']) => {
    const res = await t.post('/v1/webhooks', { url: receiver.url(path), events, description: path });
    if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${res.text}`);
    return res.body as { id: string; secret: string };
  };
  const dueNow = (note: string) =>
    t.post(`/v1/items/${itemId}/follow-ups`, { dueAt: new Date(Date.now() - 1000).toISOString(), note });
  const deliveries = async (webhookId: string) =>
    (await t.get(`/v1/webhooks/${webhookId}/deliveries`)).body.data;

  it('retries a receiver that answers 500, 500, 204: three attempts, one webhook-id, every signature valid', async () => {
    receiver.respond = (r, n) => (r.path === '/flaky' ? (n <= 2 ? 500 : 204) : 204);
    const hook = await subscribe('/flaky');
    const followUp = (await dueNow('check the training programme')).body;
    await waitFor(
      'the delivery to succeed',
      async () => (await deliveries(hook.id))[0]?.state === 'delivered',
    );

    const got = receiver.to('/flaky');
    expect(got).toHaveLength(3);
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const verifier = new Webhook(hook.secret);
    for (const r of got) {
      const payload = verifier.verify(r.body, r.headers as Record<string, string>) as {
        id: string;
        type: string;
        data: { followUpId: string };
      };
      expect(payload).toMatchObject({
        id: r.headers['webhook-id'],
        type: 'follow_up.due',
        data: { followUpId: followUp.id, itemId },
      });
    }
    const [delivery] = await deliveries(hook.id);
    expect(delivery.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 204]);
    expect((await t.get(`/v1/follow-ups/${followUp.id}`)).body.state).toBe('notified');
  });

  it('signs so that a tampered body or a wrong secret fails verification', async () => {
    const hook = await subscribe('/tamper');
    await dueNow('tamper test');
    await waitFor('a delivery', () => receiver.to('/tamper').length === 1);
    const [r] = receiver.to('/tamper');
    const headers = r.headers as Record<string, string>;
    expect(() => new Webhook(hook.secret).verify(r.body, headers)).not.toThrow();
    expect(() =>
      new Webhook(hook.secret).verify(r.body.replace('tamper test', 'tampered'), headers),
    ).toThrow();
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(r.body, headers),
    ).toThrow();
  });

  it('marks a delivery failed after WEBHOOK_MAX_ATTEMPTS non-2xx answers, not following redirects', async () => {
    receiver.respond = (r) =>
      r.path === '/moved' ? { status: 302, headers: { location: receiver.url('/elsewhere') } } : 204;
    const hook = await subscribe('/moved');
    await dueNow('redirected');
    await waitFor('the delivery to fail', async () => (await deliveries(hook.id))[0]?.state === 'failed');
    expect(receiver.to('/moved')).toHaveLength(3);
    expect(receiver.to('/elsewhere')).toHaveLength(0);
    const [delivery] = await deliveries(hook.id);
    expect(delivery.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([302, 302, 302]);
  });

  it('ends an attempt the receiver does not answer within WEBHOOK_TIMEOUT_MS, and retries it under the same id', async () => {
    receiver.respond = (r, n) => (r.path === '/slow' && n === 1 ? { status: 204, delayMs: 2500 } : 204);
    const hook = await subscribe('/slow');
    await dueNow('slow');
    await waitFor(
      'the retry to be delivered',
      async () => (await deliveries(hook.id))[0]?.state === 'delivered',
    );
    const [delivery] = await deliveries(hook.id);
    expect(delivery.attempts).toMatchObject([
      { statusCode: null, error: 'timed out after 2000 ms' },
      { statusCode: 204, error: null },
    ]);
    expect(new Set(receiver.to('/slow').map((r) => r.headers['webhook-id'])).size).toBe(1);
  });

  it('disables the subscription when the receiver answers 410 Gone', async () => {
    receiver.respond = (r) => (r.path === '/gone' ? 410 : 204);
    const hook = await subscribe('/gone');
    await dueNow('gone');
    await waitFor(
      'the subscription to be disabled',
      async () => (await t.get(`/v1/webhooks/${hook.id}`)).body.active === false,
    );
    expect(receiver.to('/gone')).toHaveLength(1);
    expect((await t.get(`/v1/webhooks/${hook.id}`)).body.disabledReason).toMatch(/410/);
    expect((await deliveries(hook.id)).map((d: { state: string }) => d.state)).toEqual(['failed']);
    // A later event is dispatched without a delivery to the disabled subscription.
    const later = (await dueNow('after gone')).body;
    await waitFor(
      'the later event to be dispatched',
      async () =>
        (
          await t.db.query(
            `SELECT 1 FROM events WHERE data->>'followUpId' = $1 AND dispatched_at IS NOT NULL`,
            [later.id],
          )
        ).length === 1,
    );
    expect(await deliveries(hook.id)).toHaveLength(1);
  });

  it('delivers item.created to its subscribers only', async () => {
    receiver.respond = () => 204;
    const created = await subscribe('/items', ['item.created']);
    const source = await createSource(t);
    const item = await createItem(t, pledgeBody(source.id, { title: 'JATEC in Poland' }));
    await waitFor('item.created', () => receiver.to('/items').length === 1);
    expect(JSON.parse(receiver.to('/items')[0].body)).toMatchObject({
      type: 'item.created',
      data: { itemId: item.id },
    });
    expect(
      new Webhook(created.secret).verify(
        receiver.to('/items')[0].body,
        receiver.to('/items')[0].headers as Record<string, string>,
      ),
    ).toBeTruthy();
  });

  it('shows the secret once: never in the list or on GET', async () => {
    const hook = await subscribe('/secret');
    expect(hook.secret).toMatch(/^whsec_/);
    const list = await t.get('/v1/webhooks');
    expect(list.text).not.toContain(hook.secret);
    expect(list.body.data.find((w: { id: string }) => w.id === hook.id)).not.toHaveProperty('secret');
    expect((await t.get(`/v1/webhooks/${hook.id}`)).body).not.toHaveProperty('secret');
  });

  it('is for admins only, and DELETE removes a subscription', async () => {
    expect(
      (
        await t.post(
          '/v1/webhooks',
          { url: receiver.url('/x'), events: ['item.created'] },
          { key: t.keys.editor },
        )
      ).status,
    ).toBe(403);
    expect((await t.get('/v1/webhooks', { key: t.keys.viewer })).status).toBe(403);
    const hook = await subscribe('/deleted');
    expect((await t.delete(`/v1/webhooks/${hook.id}`)).status).toBe(204);
    expect((await t.get(`/v1/webhooks/${hook.id}`)).status).toBe(404);
    expect((await t.delete(`/v1/webhooks/${hook.id}`)).status).toBe(404);
  });

  it('rejects unknown events and fields with 422', async () => {
    const res = await t.post('/v1/webhooks', {
      url: receiver.url('/x'),
      events: ['item.deleted'],
      secret: 'mine',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['events', 'secret']);
    expect((await t.post('/v1/webhooks', { url: receiver.url('/x'), events: [] })).status).toBe(422);
  });
});

describe('webhooks without WEBHOOK_ALLOW_PRIVATE_NETWORKS', () => {
  let t: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await Receiver.start();
    t = await TestApp.start({ ...FAST, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  it('refuses a subscription whose host resolves to loopback', async () => {
    const res = await t.post('/v1/webhooks', { url: 'http://localhost:9/hook', events: ['item.created'] });
    expect([res.status, res.body.code]).toEqual([422, 'WEBHOOK.PRIVATE_TARGET']);
  });

  it('checks the resolved address again at delivery time and does not connect', async () => {
    // As if each host had resolved to a public address when it subscribed, and to loopback now.
    const secret = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
    const hooks: { id: string }[] = [];
    for (const url of [receiver.url('/literal'), receiver.url('/named').replace('127.0.0.1', 'localhost')]) {
      hooks.push(
        ...(await t.db.query(
          `INSERT INTO webhooks (url, events, secret, created_by) VALUES ($1, '{item.created}', $2, 'test') RETURNING id`,
          [url, secret],
        )),
      );
    }
    const source = await createSource(t);
    await createItem(t, pledgeBody(source.id));
    for (const hook of hooks) {
      await waitFor(
        'the first attempt',
        async () => (await t.get(`/v1/webhooks/${hook.id}/deliveries`)).body.data[0]?.attempts.length > 0,
      );
      const [delivery] = (await t.get(`/v1/webhooks/${hook.id}/deliveries`)).body.data;
      expect(delivery.attempts[0]).toMatchObject({
        statusCode: null,
        error: expect.stringMatching(/non-public/),
      });
    }
    expect(receiver.requests).toHaveLength(0);
  });
});
