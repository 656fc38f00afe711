import ical, { VEvent } from 'node-ical';
import { TestApp } from '../../helpers/app';
import { createItem, createSource, pledgeBody } from '../../helpers/factories';
import { waitFor } from '../../helpers/receiver';

const BASE = 'https://pledgewatch.example.org';

/** The .ics parsed by node-ical (an independent RFC 5545 parser), events by UID. */
function events(text: string): Map<string, VEvent> {
  const parsed = ical.sync.parseICS(text);
  return new Map(
    Object.values(parsed)
      .filter((c): c is VEvent => c?.type === 'VEVENT')
      .map((e) => [e.uid, e]),
  );
}

describe('calendar feeds (/feeds/<token>.ics)', () => {
  let t: TestApp;
  let itemId: string;
  let title: string;
  beforeAll(async () => {
    t = await TestApp.start({ PUBLIC_BASE_URL: BASE });
    const source = await createSource(t);
    const item = await createItem(
      t,
      pledgeBody(source.id, {
        dueAt: '2024-12-31',
        duePrecision: 'quarter',
        tags: ['military-aid', 'feeds'],
      }),
    );
    itemId = item.id;
    title = item.title;
  });
  afterAll(async () => t.close());

  const followUp = async (body: Record<string, unknown>) => {
    const res = await t.post(`/v1/items/${itemId}/follow-ups`, { note: 'Check delivery', ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const feed = async (body: Record<string, unknown>) => {
    const res = await t.post('/v1/feeds', { kind: 'follow-ups', ...body }, { key: t.keys.editor });
    expect(res.status).toBe(201);
    return res.body as { id: string; token: string; feedUrl: string };
  };
  const fetchIcs = (token: string, headers: Record<string, string> = {}) =>
    t.get(`/feeds/${token}.ics`, { key: null, headers });

  it('creates a feed whose token is shown once, lists it without the token, and revokes it', async () => {
    const created = await feed({ assignee: 'desk-ukraine' });
    expect(created.token).toMatch(/^pwf_[A-Za-z0-9_-]{43}$/);
    expect(created.feedUrl).toBe(`${BASE}/feeds/${created.token}.ics`);
    const list = await t.get('/v1/feeds', { key: t.keys.viewer });
    expect(list.status).toBe(200);
    const listed = list.body.data.find((f: { id: string }) => f.id === created.id);
    expect(listed).toMatchObject({ kind: 'follow-ups', assignee: 'desk-ukraine', createdBy: 'editor-key' });
    expect(list.text).not.toContain(created.token);
    expect(list.text).not.toContain('tokenHash');
    const [row] = await t.db.query(`SELECT token_hash FROM feeds WHERE id = $1`, [created.id]);
    expect(row.token_hash).not.toContain(created.token.slice(4));

    expect((await fetchIcs(created.token)).status).toBe(200);
    expect((await t.delete(`/v1/feeds/${created.id}`, { key: t.keys.editor })).status).toBe(204);
    const revoked = await fetchIcs(created.token);
    expect(revoked.status).toBe(404);
    expect(revoked.body.code).toBe('FEED.NOT_FOUND');
    expect((await t.get('/v1/feeds')).body.data.map((f: { id: string }) => f.id)).not.toContain(created.id);
    expect((await t.delete(`/v1/feeds/${created.id}`)).status).toBe(404);
  });

  it('answers 404 for unknown tokens, API keys in the path and the wrong file type', async () => {
    const created = await feed({});
    expect((await fetchIcs(`pwf_${'A'.repeat(43)}`)).status).toBe(404);
    expect((await fetchIcs(t.keys.admin)).status).toBe(404);
    expect((await t.get(`/feeds/${created.token}.atom`, { key: null })).status).toBe(404);
    expect((await t.get(`/feeds/${created.token}`, { key: null })).status).toBe(404);
  });

  it('never takes an API key from the query string', async () => {
    const created = await feed({});
    const withKey = await t.get(`/feeds/${created.token}.ics?key=${t.keys.admin}`, { key: null });
    expect(withKey.status).toBe(422);
    const api = await t.get(`/v1/follow-ups?access_token=${t.keys.admin}`, { key: null });
    expect(api.status).toBe(401);
  });

  it('refuses filters of the other kind of feed and unknown items, naming the field', async () => {
    const res = await t.post('/v1/feeds', { kind: 'follow-ups', actorId: itemId, itemKind: 'claim' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('FEED.FILTER_NOT_FOR_KIND');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['actorId', 'itemKind']);
    const unknown = await t.post('/v1/feeds', {
      kind: 'follow-ups',
      itemId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('FEED.UNKNOWN_ITEM');
    expect((await t.post('/v1/feeds', { kind: 'tweets' })).status).toBe(422);
  });

  it('does not store the token for an idempotent replay', async () => {
    const headers = { 'idempotency-key': 'feed-once' };
    const first = await t.post('/v1/feeds', { kind: 'follow-ups' }, { headers });
    const again = await t.post('/v1/feeds', { kind: 'follow-ups' }, { headers });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ id: first.body.id, token: null, feedUrl: null });
  });

  it('shows each follow-up as one VEVENT, through snooze, completion and cancellation', async () => {
    const assignee = 'calendar-desk';
    const created = await feed({ assignee });
    const a = await followUp({ dueAt: '2031-03-01T09:00:00Z', assignee, note: 'Ask the ministry' });
    const b = await followUp({ dueAt: '2031-04-01T09:00:00Z', assignee });
    const c = await followUp({ dueAt: '2031-05-01T09:00:00Z', assignee });
    await followUp({ dueAt: '2031-05-01T09:00:00Z', assignee: 'someone-else' });

    const before = events((await fetchIcs(created.token)).text);
    expect([...before.keys()].sort()).toEqual([a.id, b.id, c.id].map((id) => `${id}@pledgewatch`).sort());
    const first = before.get(`${a.id}@pledgewatch`)!;
    expect(first.summary).toBe(title);
    expect(first.start.toISOString()).toBe('2031-03-01T09:00:00.000Z');
    expect(first.start.dateOnly).toBeFalsy();
    expect(Number(first.sequence)).toBe(0);
    expect(first.status).toBe('CONFIRMED');
    expect(first.dtstamp).toBeInstanceOf(Date);
    // URL;VALUE=URI:… — node-ical keeps the parameter beside the value.
    expect(first.url as unknown).toEqual({ params: { VALUE: 'URI' }, val: `${BASE}/#/items/${itemId}` });
    expect(first.description).toContain('Ask the ministry');
    expect(first.description).toContain(`${BASE}/#/items/${itemId}`);

    await t.post(`/v1/follow-ups/${a.id}/snooze`, { until: '2031-03-08T09:00:00Z' });
    await t.post(`/v1/follow-ups/${b.id}/complete`, { note: 'Delivered' });
    await t.delete(`/v1/follow-ups/${c.id}`);

    const after = events((await fetchIcs(created.token)).text);
    const snoozed = after.get(`${a.id}@pledgewatch`)!;
    expect(snoozed.start.toISOString()).toBe('2031-03-08T09:00:00.000Z');
    expect(Number(snoozed.sequence)).toBe(1);
    expect(snoozed.status).toBe('CONFIRMED');
    const done = after.get(`${b.id}@pledgewatch`)!;
    expect(done.status).toBe('CANCELLED');
    expect(Number(done.sequence)).toBe(1);
    expect(done.description).toContain('done');
    const cancelled = after.get(`${c.id}@pledgewatch`)!;
    expect(cancelled.status).toBe('CANCELLED');
    expect(Number(cancelled.sequence)).toBe(1);
    expect(after.size).toBe(3);
  });

  it('drops done and cancelled follow-ups once they ended more than 30 days ago', async () => {
    const created = await feed({ assignee: 'old-desk' });
    const old = await followUp({ dueAt: '2031-03-01T09:00:00Z', assignee: 'old-desk' });
    await t.delete(`/v1/follow-ups/${old.id}`);
    expect(events((await fetchIcs(created.token)).text).size).toBe(1);
    // Written behind the service's back: the change reaches its ETag through the database's notification.
    await t.db.query(`UPDATE follow_ups SET updated_at = now() - interval '31 days' WHERE id = $1`, [old.id]);
    await waitFor(
      'the aged follow-up to leave the calendar',
      async () => events((await fetchIcs(created.token)).text).size === 0,
    );
  });

  it('shows a commitment due within a quarter as an all-day event on the quarter’s last day', async () => {
    const created = await feed({ itemId });
    const all = events((await fetchIcs(created.token)).text);
    const [automatic] = await t.db.query(`SELECT id FROM follow_ups WHERE item_id = $1 AND automatic`, [
      itemId,
    ]);
    const event = all.get(`${automatic.id}@pledgewatch`)!;
    expect(event.start.dateOnly).toBe(true);
    expect(event.datetype).toBe('date');
    expect(`${event.start.getFullYear()}-${event.start.getMonth() + 1}-${event.start.getDate()}`).toBe(
      '2024-12-31',
    );
    expect(event.description).toContain('Due by the end of Q4 2024');
  });

  it('filters by tag', async () => {
    const tagged = await feed({ tag: 'feeds' });
    const other = await feed({ tag: 'no-such-tag' });
    expect(events((await fetchIcs(tagged.token)).text).size).toBeGreaterThan(0);
    expect(events((await fetchIcs(other.token)).text).size).toBe(0);
  });

  it('answers 304 to If-None-Match while nothing changed, and a new ETag after a snooze', async () => {
    const created = await feed({ assignee: 'etag-desk' });
    const f = await followUp({ dueAt: '2031-06-01T09:00:00Z', assignee: 'etag-desk' });
    const first = await fetchIcs(created.token);
    expect(first.headers['content-type']).toMatch(/^text\/calendar/);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await fetchIcs(created.token, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);
    await t.post(`/v1/follow-ups/${f.id}/snooze`, { until: '2031-06-02T09:00:00Z' });
    const changed = await fetchIcs(created.token, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });
});

describe('feed tokens are rate limited like API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => t.close());

  it('answers 429 past the limit for one token, while another token still gets through', async () => {
    const one = (await t.post('/v1/feeds', { kind: 'follow-ups' })).body.token;
    const two = (await t.post('/v1/feeds', { kind: 'follow-ups' })).body.token;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.get(`/feeds/${one}.ics`, { key: null })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await t.get(`/feeds/${two}.ics`, { key: null })).status).toBe(200);
  });
});
