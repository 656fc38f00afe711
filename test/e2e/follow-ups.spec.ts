import { TestApp } from '../helpers/app';
import { createItem, createSource, pledgeBody } from '../helpers/factories';

describe('follow-ups', () => {
  let t: TestApp;
  let itemId: string;
  beforeAll(async () => {
    // Off here (TestApp turns it on by default) so the subscription URL rules below apply in full.
    t = await TestApp.start({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
    const source = await createSource(t);
    itemId = (await createItem(t, pledgeBody(source.id))).id;
  });
  afterAll(async () => t.close());

  const create = (body: Record<string, unknown>, id = itemId) =>
    t.post(`/v1/items/${id}/follow-ups`, body, { key: t.keys.editor });

  it('schedules a follow-up on an item, shows it as the item’s next follow-up, and audits it', async () => {
    const res = await create({
      dueAt: '2030-06-14T09:00:00Z',
      note: 'Check whether ministers approved the training programme',
      assignee: 'desk-ukraine',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      itemId,
      state: 'scheduled',
      automatic: false,
      assignee: 'desk-ukraine',
      dueAt: '2030-06-14T09:00:00.000Z',
      createdBy: 'editor-key',
    });
    const item = await t.get(`/v1/items/${itemId}`);
    expect(item.body.nextFollowUp).toMatchObject({ id: res.body.id });
    const [audit] = await t.db.query(
      `SELECT action FROM audit_log WHERE entity_type = 'follow_up' AND entity_id = $1`,
      [res.body.id],
    );
    expect(audit.action).toBe('create');
  });

  it('completes a repeating follow-up and schedules its next occurrence from repeatEvery', async () => {
    const first = await create({
      dueAt: '2030-01-31T09:00:00Z',
      note: 'How much of the €40bn was delivered?',
      repeatEvery: 'P1M',
    });
    const done = await t.post(
      `/v1/follow-ups/${first.body.id}/complete`,
      { note: 'Nothing reported yet' },
      { key: t.keys.editor },
    );
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'done', completionNote: 'Nothing reported yet' });
    expect(done.body.next).toMatchObject({
      state: 'scheduled',
      repeatEvery: 'P1M',
      dueAt: '2030-02-28T09:00:00.000Z',
      note: 'How much of the €40bn was delivered?',
    });
  });

  it('snoozes an open follow-up to a later time, back in state scheduled', async () => {
    const f = await create({ dueAt: '2030-06-14T09:00:00Z', note: 'snooze me' });
    await t.db.query(`UPDATE follow_ups SET state = 'notified', notified_at = now() WHERE id = $1`, [
      f.body.id,
    ]);
    const res = await t.post(
      `/v1/follow-ups/${f.body.id}/snooze`,
      { until: '2031-01-01T00:00:00Z' },
      { key: t.keys.editor },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'scheduled',
      dueAt: '2031-01-01T00:00:00.000Z',
      notifiedAt: null,
    });
  });

  it('cancels with DELETE and keeps the follow-up on record', async () => {
    const f = await create({ dueAt: '2030-06-14T09:00:00Z', note: 'cancel me' });
    const res = await t.delete(`/v1/follow-ups/${f.body.id}`, { key: t.keys.editor });
    expect([res.status, res.body.state]).toEqual([200, 'cancelled']);
    expect((await t.get(`/v1/follow-ups/${f.body.id}`)).body.state).toBe('cancelled');
  });

  it('refuses to snooze a done follow-up or complete a cancelled one (409), changing nothing', async () => {
    const done = await create({ dueAt: '2030-06-14T09:00:00Z', note: 'done' });
    await t.post(`/v1/follow-ups/${done.body.id}/complete`, {}, { key: t.keys.editor });
    const snooze = await t.post(
      `/v1/follow-ups/${done.body.id}/snooze`,
      { until: '2031-01-01T00:00:00Z' },
      { key: t.keys.editor },
    );
    expect([snooze.status, snooze.body.code]).toEqual([409, 'FOLLOW_UP.INVALID_TRANSITION']);
    const cancelled = await create({ dueAt: '2030-06-14T09:00:00Z', note: 'cancelled by someone else' });
    await t.delete(`/v1/follow-ups/${cancelled.body.id}`, { key: t.keys.admin });
    const complete = await t.post(
      `/v1/follow-ups/${cancelled.body.id}/complete`,
      { note: 'too late' },
      { key: t.keys.editor },
    );
    expect([complete.status, complete.headers['content-type']]).toEqual([
      409,
      expect.stringContaining('problem+json'),
    ]);
    expect((await t.get(`/v1/follow-ups/${cancelled.body.id}`)).body).toMatchObject({
      state: 'cancelled',
      completionNote: null,
    });
  });

  it('rejects bad input with 422 listing each field, and stores nothing', async () => {
    const before = await t.count('follow_ups');
    const res = await create({ dueAt: 'next Tuesday', note: '', repeatEvery: 'every month', extra: 1 });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'dueAt',
      'extra',
      'note',
      'repeatEvery',
    ]);
    expect((await create({ dueAt: '2030-06-14T09:00:00Z', note: 'x', repeatEvery: 'PT5M' })).status).toBe(
      422,
    );
    expect((await create({ dueAt: '2030-13-45', note: 'x' })).status).toBe(422);
    expect(
      (
        await t.post(
          `/v1/follow-ups/00000000-0000-4000-8000-000000000000/snooze`,
          { until: 'tomorrow' },
          { key: t.keys.editor },
        )
      ).status,
    ).toBe(422);
    expect(await t.count('follow_ups')).toBe(before);
  });

  it('refuses snoozing into the past, unknown items and unknown follow-ups', async () => {
    const f = await create({ dueAt: '2030-06-14T09:00:00Z', note: 'x' });
    const past = await t.post(
      `/v1/follow-ups/${f.body.id}/snooze`,
      { until: '2020-01-01T00:00:00Z' },
      { key: t.keys.editor },
    );
    expect([past.status, past.body.code]).toEqual([422, 'FOLLOW_UP.SNOOZE_IN_PAST']);
    expect(
      (await create({ dueAt: '2030-06-14T09:00:00Z', note: 'x' }, '00000000-0000-4000-8000-000000000000'))
        .status,
    ).toBe(404);
    expect(
      (
        await t.post(
          `/v1/follow-ups/00000000-0000-4000-8000-000000000000/complete`,
          {},
          { key: t.keys.editor },
        )
      ).status,
    ).toBe(404);
    expect((await t.post(`/v1/follow-ups/not-a-uuid/complete`, {}, { key: t.keys.editor })).status).toBe(422);
  });

  it('lets viewers read but not write follow-ups', async () => {
    expect((await t.get('/v1/follow-ups', { key: t.keys.viewer })).status).toBe(200);
    expect(
      (
        await t.post(
          `/v1/items/${itemId}/follow-ups`,
          { dueAt: '2030-06-14T09:00:00Z', note: 'x' },
          { key: t.keys.viewer },
        )
      ).status,
    ).toBe(403);
  });

  describe('list', () => {
    let listItemId: string;
    beforeAll(async () => {
      const source = await createSource(t);
      listItemId = (await createItem(t, pledgeBody(source.id, { title: 'list item' }))).id;
      for (let i = 0; i < 5; i++)
        await create(
          { dueAt: `2031-0${i + 1}-01T00:00:00Z`, note: `n${i}`, assignee: i % 2 ? 'ana' : 'ben' },
          listItemId,
        );
      await create({ dueAt: '2020-01-01T00:00:00Z', note: 'overdue', assignee: 'ana' }, listItemId);
    });

    it('filters by item, assignee, state and dueBefore, soonest first', async () => {
      const ana = await t.get(`/v1/follow-ups?itemId=${listItemId}&assignee=ana`);
      expect(ana.body.data.map((f: { note: string }) => f.note)).toEqual(['overdue', 'n1', 'n3']);
      const before = await t.get(
        `/v1/follow-ups?itemId=${listItemId}&dueBefore=2031-02-15T00:00:00Z&state=scheduled`,
      );
      expect(before.body.data.map((f: { note: string }) => f.note)).toEqual(['overdue', 'n0', 'n1']);
      const overdue = await t.get(`/v1/follow-ups?itemId=${listItemId}&overdue=true`);
      expect(overdue.body.data.map((f: { note: string }) => f.note)).toEqual(['overdue']);
    });

    it('pages with a keyset cursor without skipping or repeating', async () => {
      const seen: string[] = [];
      let url = `/v1/follow-ups?itemId=${listItemId}&limit=2`;
      for (;;) {
        const page = await t.get(url);
        seen.push(...page.body.data.map((f: { note: string }) => f.note));
        if (!page.body.nextCursor) break;
        url = `/v1/follow-ups?itemId=${listItemId}&limit=2&cursor=${page.body.nextCursor}`;
      }
      expect(seen).toEqual(['overdue', 'n0', 'n1', 'n2', 'n3', 'n4']);
    });

    it('rejects unknown states, bad dates and bad cursors with 422', async () => {
      expect((await t.get('/v1/follow-ups?state=sleeping')).status).toBe(422);
      expect((await t.get('/v1/follow-ups?dueBefore=soon')).status).toBe(422);
      expect((await t.get('/v1/follow-ups?overdue=maybe')).status).toBe(422);
      expect((await t.get('/v1/follow-ups?cursor=garbage')).status).toBe(422);
    });
  });

  describe('automatic follow-up of a commitment with dueAt', () => {
    it('is created at the end of the due window and moves when dueAt moves', async () => {
      const source = await createSource(t);
      const item = await createItem(
        t,
        pledgeBody(source.id, { title: 'due by end of 2030', dueAt: '2030-12-31', duePrecision: 'year' }),
      );
      const auto = async () =>
        (await t.get(`/v1/follow-ups?itemId=${item.id}`)).body.data.filter(
          (f: { automatic: boolean }) => f.automatic,
        );
      expect(await auto()).toEqual([
        expect.objectContaining({ dueAt: '2030-12-31T23:59:59.999Z', state: 'scheduled' }),
      ]);
      const patched = await t.patch(
        `/v1/items/${item.id}`,
        { dueAt: '2031-03-15', duePrecision: 'quarter' },
        { headers: { 'if-match': '"1"' } },
      );
      expect(patched.status).toBe(200);
      expect(await auto()).toEqual([
        expect.objectContaining({ dueAt: '2031-03-31T23:59:59.999Z', state: 'scheduled' }),
      ]);
      await t.patch(`/v1/items/${item.id}`, { dueAt: null }, { headers: { 'if-match': '"2"' } });
      expect((await auto()).map((f: { state: string }) => f.state)).toEqual(['cancelled']);
    });

    it('is not created for a claim or a commitment without dueAt', async () => {
      const source = await createSource(t);
      const item = await createItem(t, pledgeBody(source.id, { title: 'no due date' }));
      expect((await t.get(`/v1/follow-ups?itemId=${item.id}`)).body.data).toEqual([]);
    });
  });

  describe('webhook subscription URLs', () => {
    it('refuses file:, ftp: and private addresses (422), storing nothing', async () => {
      for (const [url, code] of [
        ['file:///etc/passwd', 'WEBHOOK.INVALID_URL'],
        ['ftp://example.org/hook', 'WEBHOOK.INVALID_URL'],
        ['http://10.0.0.1/hook', 'WEBHOOK.PRIVATE_TARGET'],
        ['http://169.254.169.254/latest/meta-data', 'WEBHOOK.PRIVATE_TARGET'],
        ['http://[::1]:8080/hook', 'WEBHOOK.PRIVATE_TARGET'],
        ['not a url', 'WEBHOOK.INVALID_URL'],
      ]) {
        const res = await t.post('/v1/webhooks', { url, events: ['follow_up.due'] });
        expect([url, res.status, res.body.code, res.body.errors?.[0]?.path]).toEqual([url, 422, code, 'url']);
      }
      expect(await t.count('webhooks')).toBe(0);
    });

    it('accepts a public https URL', async () => {
      const res = await t.post('/v1/webhooks', {
        url: 'https://93.184.216.34/hooks/pledgewatch',
        events: ['follow_up.due'],
      });
      expect(res.status).toBe(201);
    });
  });
});
