import { TestApp } from '../../helpers/app';
import { createItem, PLEDGE_QUOTE, pledgeBody, startWithSource } from '../../helpers/factories';

/** The €40bn pledge's life: proposed 13 June 2024, agreed at the July summit, and so on. */
describe('timeline', () => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => ({ t, sourceId } = await startWithSource()));
  afterAll(async () => t.close());

  const pledge = () => createItem(t, pledgeBody(sourceId));
  const append = (itemId: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
    t.post(`/v1/items/${itemId}/updates`, { note: 'logged by a researcher', ...body }, { headers });
  const statusAsOf = async (itemId: string, asOf: string) =>
    (await t.get(`/v1/items/${itemId}?asOf=${asOf}`)).body;
  const events = (itemId: string) =>
    t.db.query(
      `SELECT data FROM events WHERE type = 'item.status_changed' AND data->>'itemId' = $1 ORDER BY seq`,
      [itemId],
    );

  it('should move the pledge from proposed to agreed and keep the item row, ETag and outbox in step', async () => {
    const item = await pledge();
    const res = await append(item.id, {
      status: 'agreed',
      effectiveAt: '2024-07-10T12:00:00Z',
      note: 'Agreed at the Washington summit',
    });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({
      status: 'agreed',
      effectiveAt: '2024-07-10T12:00:00.000Z',
      recordedBy: 'admin (ADMIN_API_KEY)',
      retracted: false,
    });
    expect(res.body.item).toEqual({
      id: item.id,
      status: 'agreed',
      statusSince: '2024-07-10T12:00:00.000Z',
      version: 2,
    });
    const got = await t.get(`/v1/items/${item.id}`);
    expect(got.body).toMatchObject({ status: 'agreed', statusSince: '2024-07-10T12:00:00.000Z', version: 2 });
    expect((await events(item.id)).map((e: { data: object }) => e.data)).toEqual([
      expect.objectContaining({
        from: 'proposed',
        to: 'agreed',
        since: '2024-07-10T12:00:00.000Z',
        cause: 'update',
        updateId: res.body.id,
      }),
    ]);
  });

  it('should answer status as of any date, null before the item was on record', async () => {
    const item = await pledge();
    await append(item.id, { status: 'agreed', effectiveAt: '2024-07-10T12:00:00Z' });
    expect(await statusAsOf(item.id, '2024-06-01')).toMatchObject({
      status: null,
      statusSince: null,
      asOf: '2024-06-01T00:00:00.000Z',
    });
    expect(await statusAsOf(item.id, '2024-06-20T00:00:00Z')).toMatchObject({
      status: 'proposed',
      statusSince: '2024-06-13T18:00:00.000Z',
    });
    expect(await statusAsOf(item.id, '2024-07-10T12:00:00Z')).toMatchObject({ status: 'agreed' });
    expect(await statusAsOf(item.id, '2024-07-10T11:59:59.999Z')).toMatchObject({ status: 'proposed' });
  });

  it('should recompute past and present when a correction is backdated and a mistake retracted', async () => {
    const item = await pledge();
    await append(item.id, { status: 'agreed', effectiveAt: '2024-07-10T12:00:00Z' });
    const wrong = await append(item.id, {
      status: 'in_progress',
      effectiveAt: '2024-09-15T00:00:00Z',
      note: 'Deliveries under way',
    });
    const correction = await append(item.id, {
      status: 'stalled',
      effectiveAt: '2024-08-01T00:00:00Z',
      note: 'Logged in October: deliveries stalled in August',
    });
    expect(correction.body.item.status).toBe('in_progress');
    expect(await statusAsOf(item.id, '2024-08-10')).toMatchObject({
      status: 'stalled',
      statusSince: '2024-08-01T00:00:00.000Z',
    });

    const retracted = await t.post(`/v1/items/${item.id}/updates/${wrong.body.id}/retract`, {
      reason: 'Misread the source: nothing delivered yet',
    });
    expect(retracted.status).toBe(200);
    expect(retracted.body).toMatchObject({
      retracted: true,
      retraction: { by: 'admin (ADMIN_API_KEY)', reason: 'Misread the source: nothing delivered yet' },
    });
    expect(retracted.body.item).toMatchObject({
      status: 'stalled',
      statusSince: '2024-08-01T00:00:00.000Z',
      version: 5,
    });
    expect(await statusAsOf(item.id, '2024-10-01')).toMatchObject({ status: 'stalled' });
    expect(
      (await events(item.id)).map(
        (e: { data: { to: string; cause: string } }) => `${e.data.cause}:${e.data.to}`,
      ),
    ).toEqual(['update:agreed', 'update:in_progress', 'retraction:stalled']);
  });

  it('should list the timeline by effective time, retracted entries flagged, page by page', async () => {
    const item = await pledge();
    const later = await append(item.id, { status: 'agreed', effectiveAt: '2024-07-10T12:00:00Z' });
    await append(item.id, { effectiveAt: '2024-06-20T00:00:00Z', note: 'Ministers discussed it again' });
    await append(item.id, { status: 'in_progress', effectiveAt: '2024-09-01T00:00:00Z' });
    await t.post(`/v1/items/${item.id}/updates/${later.body.id}/retract`, { reason: 'duplicate' });
    const first = await t.get(`/v1/items/${item.id}/updates?limit=2`, { key: t.keys.viewer });
    expect(first.status).toBe(200);
    const second = await t.get(`/v1/items/${item.id}/updates?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.data, ...second.body.data];
    expect(all.map((u: { effectiveAt: string }) => u.effectiveAt)).toEqual([
      '2024-06-20T00:00:00.000Z',
      '2024-07-10T12:00:00.000Z',
      '2024-09-01T00:00:00.000Z',
    ]);
    expect(all[1]).toMatchObject({ retracted: true, retraction: { reason: 'duplicate' } });
  });

  it('should record a verdict with its evidence located in the source', async () => {
    const item = await pledge();
    const res = await append(item.id, {
      status: 'fulfilled',
      evidence: [{ sourceId, quote: PLEDGE_QUOTE }, { sourceId }],
    });
    expect(res.status).toBe(201);
    expect(res.body.evidence).toHaveLength(2);
    expect(res.body.evidence[0].selectors.textQuote.exact).toContain('40 milliards');
    expect(res.body.evidence[1]).toMatchObject({ sourceId, quote: null, selectors: null });
  });

  it('should keep delivered money as decimal strings and show the latest progress on the item', async () => {
    const item = await pledge();
    const res = await append(item.id, {
      status: 'in_progress',
      progress: { delivered: { value: '12500000000.50', currency: 'EUR' }, period: '2024', percent: 31.25 },
    });
    expect(res.status).toBe(201);
    expect(res.body.progress).toEqual({
      delivered: { value: '12500000000.5', currency: 'EUR' },
      period: '2024',
      percent: 31.25,
      stage: 'delivered',
      achieved: null,
    });
    // The same figure reads the same on the item: percent a number there too, not "31.25".
    expect((await t.get(`/v1/items/${item.id}`)).body.latestProgress).toMatchObject({
      delivered: { value: '12500000000.5', currency: 'EUR' },
      period: '2024',
      percent: 31.25,
    });
  });

  it('should show latestProgress as of asOf: the latest non-retracted progress effective by then', async () => {
    const item = await pledge();
    await append(item.id, { status: 'agreed', effectiveAt: '2024-07-10T12:00:00Z' });
    const july = await append(item.id, { effectiveAt: '2024-07-20T00:00:00Z', progress: { percent: 10 } });
    await append(item.id, { effectiveAt: '2024-09-15T00:00:00Z', progress: { percent: 50 } });
    const wrong = await append(item.id, { effectiveAt: '2024-08-01T00:00:00Z', progress: { percent: 99 } });
    await t.post(`/v1/items/${item.id}/updates/${wrong.body.id}/retract`, { reason: 'typo' });
    const progressAsOf = async (asOf: string) => (await statusAsOf(item.id, asOf)).latestProgress;
    expect(await progressAsOf('2024-07-01')).toBeNull();
    expect(await progressAsOf('2024-08-05T00:00:00Z')).toMatchObject({
      updateId: july.body.id,
      effectiveAt: '2024-07-20T00:00:00.000Z',
      percent: 10,
    });
    expect(await progressAsOf('2024-09-15T00:00:00Z')).toMatchObject({ percent: 50 });
    expect((await t.get(`/v1/items/${item.id}`)).body.latestProgress).toMatchObject({ percent: 50 });
  });

  it('should accept If-Match when current and refuse it when stale, writing nothing', async () => {
    const item = await pledge();
    expect((await append(item.id, { status: 'agreed' }, { 'if-match': '"1"' })).status).toBe(201);
    const stale = await append(item.id, { status: 'in_progress' }, { 'if-match': '"1"' });
    expect([stale.status, stale.body.code]).toEqual([412, 'REQUEST.STALE_VERSION']);
    expect((await t.get(`/v1/items/${item.id}`)).body).toMatchObject({ status: 'agreed', version: 2 });
  });

  it('should refuse retracting twice, unknown updates and updates of another item', async () => {
    const item = await pledge();
    const other = await pledge();
    const update = await append(item.id, { status: 'agreed' });
    const retract = (itemId: string, updateId: string, body: unknown = { reason: 'wrong' }) =>
      t.post(`/v1/items/${itemId}/updates/${updateId}/retract`, body);
    expect((await retract(item.id, update.body.id)).status).toBe(200);
    const twice = await retract(item.id, update.body.id);
    expect([twice.status, twice.body.code]).toEqual([409, 'TIMELINE.ALREADY_RETRACTED']);
    expect((await retract(item.id, '00000000-0000-4000-8000-000000000000')).body.code).toBe(
      'TIMELINE.UPDATE_NOT_FOUND',
    );
    expect((await retract(other.id, update.body.id)).status).toBe(404);
    expect((await retract(item.id, 'not-a-uuid')).status).toBe(422);
    expect((await retract(item.id, update.body.id, {})).status).toBe(422);
  });

  it('should answer unknown items with 404, merged ones with 308 to the survivor, viewers with 403', async () => {
    expect((await append('00000000-0000-4000-8000-000000000000', {})).status).toBe(404);
    const [gone, survivor] = [await pledge(), await pledge()];
    await t.db.query(`UPDATE items SET merged_into_id = $2 WHERE id = $1`, [gone.id, survivor.id]);
    const moved = await append(gone.id, { status: 'agreed' });
    expect([moved.status, moved.headers.location]).toEqual([308, `/v1/items/${survivor.id}/updates`]);
    expect(
      (await t.post(`/v1/items/${survivor.id}/updates`, { note: 'x' }, { key: t.keys.viewer })).status,
    ).toBe(403);
  });

  it('should read null optional fields as absent, never as a crash', async () => {
    const item = await pledge();
    const res = await append(item.id, { status: null, effectiveAt: null, progress: null, evidence: null });
    expect([res.status, res.body.status, res.body.progress]).toEqual([201, null, null]);
    const empty = await append(item.id, { progress: { delivered: null, percent: null } });
    expect([empty.status, empty.body.errors?.[0].path]).toEqual([422, 'progress']);
  });

  it('should refuse progress on a claim', async () => {
    const claim = await createItem(
      t,
      pledgeBody(sourceId, { kind: 'claim', amount: undefined, recurrence: undefined, status: 'unverified' }),
    );
    const res = await append(claim.id, { progress: { percent: 10 } });
    expect([res.status, res.body.code]).toEqual([422, 'TIMELINE.PROGRESS_COMMITMENT_ONLY']);
  });

  it.each([
    [
      'a future effectiveAt',
      { effectiveAt: '2999-01-01T00:00:00Z' },
      'TIMELINE.EFFECTIVE_AT_IN_FUTURE',
      'effectiveAt',
    ],
    [
      'an absurdly early effectiveAt',
      { effectiveAt: '1066-10-14' },
      'TIMELINE.EFFECTIVE_AT_TOO_EARLY',
      'effectiveAt',
    ],
    [
      'an effectiveAt without a zone',
      { effectiveAt: '2024-07-10T12:00:00' },
      'TIMELINE.INVALID_INSTANT',
      'effectiveAt',
    ],
    [
      'a status of the claim scale',
      { status: 'confirmed', evidence: [{ sourceId: '$source' }] },
      'TIMELINE.STATUS_NOT_ON_SCALE',
      'status',
    ],
    ['an unknown status', { status: 'done' }, 'REQUEST.VALIDATION_FAILED', 'status'],
    ['a verdict without evidence', { status: 'broken' }, 'TIMELINE.EVIDENCE_REQUIRED', 'evidence'],
    [
      'evidence quoting what the source never said',
      { status: 'broken', evidence: [{ sourceId: '$source', quote: 'la paix est signée' }] },
      'ITEM.QUOTE_NOT_IN_SOURCE',
      'evidence.0.quote',
    ],
    [
      'evidence from an unknown source',
      { status: 'broken', evidence: [{ sourceId: '00000000-0000-4000-8000-000000000000' }] },
      'ITEM.UNKNOWN_SOURCE',
      'evidence.0.sourceId',
    ],
    [
      'delivered in another currency',
      { progress: { delivered: { value: '100', currency: 'USD' }, period: '2024' } },
      'TIMELINE.CURRENCY_MISMATCH',
      'progress.delivered.currency',
    ],
    [
      'delivered as a float',
      { progress: { delivered: { value: 100.5, currency: 'EUR' }, period: '2024' } },
      'REQUEST.VALIDATION_FAILED',
      'progress.delivered.value',
    ],
    [
      'delivered without its period',
      { progress: { delivered: { value: '100', currency: 'EUR' } } },
      'TIMELINE.PERIOD_MISMATCH',
      'progress.period',
    ],
    [
      'a malformed period',
      { progress: { percent: 5, period: 'Q3 2024' } },
      'REQUEST.VALIDATION_FAILED',
      'progress.period',
    ],
    ['a percent above 100', { progress: { percent: 101 } }, 'REQUEST.VALIDATION_FAILED', 'progress.percent'],
    [
      'a percent as a string',
      { progress: { percent: '50' } },
      'REQUEST.VALIDATION_FAILED',
      'progress.percent',
    ],
    ['an empty note', { note: '' }, 'REQUEST.VALIDATION_FAILED', 'note'],
    ['a note of 10001 characters', { note: 'x'.repeat(10001) }, 'REQUEST.VALIDATION_FAILED', 'note'],
    ['an unknown field', { recordedBy: 'someone else' }, 'REQUEST.VALIDATION_FAILED', 'recordedBy'],
  ])('should refuse %s with 422 and write nothing', async (_, body, code, path) => {
    const item = await pledge();
    const payload = JSON.parse(JSON.stringify(body).replaceAll('$source', sourceId));
    const before = await t.count('updates');
    const res = await append(item.id, payload);
    expect([res.status, res.body.code]).toEqual([422, code]);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await t.count('updates')).toBe(before);
    expect((await t.get(`/v1/items/${item.id}`)).body.version).toBe(1);
  });

  it.each([
    { progress: 'x' },
    { progress: [] },
    { evidence: [null] },
    { evidence: 'x' },
    { evidence: [{ sourceId: 'nope' }] },
    { progress: { delivered: 'x' } },
    { progress: { delivered: { value: '1', currency: 'EUR', extra: 1 } } },
    { effectiveAt: 20240710 },
    { status: ['agreed'] },
    { note: ['x'] },
    // 1e400 was Infinity in JavaScript, which JSON.stringify sends as null; this one is really huge.
    { progress: { percent: 1e300 } },
    { progress: { percent: null } },
    { progress: { percent: 33.333 } },
  ])('should answer the odd body %j with 422, not a crash', async (body) => {
    const item = await pledge();
    expect((await append(item.id, body)).status).toBe(422);
  });

  it.each(['yesterday', '2024-07-10T12:00:00', '2024-13-01'])(
    'should refuse asOf=%s with 422',
    async (asOf) => {
      const item = await pledge();
      const res = await t.get(`/v1/items/${item.id}?asOf=${asOf}`);
      expect([res.status, res.body.code]).toEqual([422, 'TIMELINE.INVALID_INSTANT']);
    },
  );

  it('should audit appends and retractions against the item', async () => {
    const item = await pledge();
    const update = await append(item.id, { status: 'agreed' });
    await t.post(`/v1/items/${item.id}/updates/${update.body.id}/retract`, { reason: 'wrong item' });
    const rows = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [item.id]);
    expect(rows.map((r: { action: string }) => r.action)).toEqual([
      'create',
      'timeline.append',
      'timeline.retract',
    ]);
  });
});
