import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { IdempotencyInterceptor } from '../../../src/idempotency/idempotency.interceptor';
import { IdempotencyStore } from '../../../src/idempotency/idempotency.store';
import { requestHash } from '../../../src/idempotency/request-hash';
import { TestApp } from '../../helpers/app';
import { createItem, createSource, pledgeBody } from '../../helpers/factories';

describe('Idempotency-Key', () => {
  let t: TestApp;
  let sourceId: string;
  let adminKeyId: string;
  beforeAll(async () => {
    t = await TestApp.start();
    sourceId = (await createSource(t)).id;
    [{ id: adminKeyId }] = await t.db.query(`SELECT id FROM api_keys WHERE role = 'admin'`);
  });
  afterAll(async () => t.close());

  let n = 0;
  const freshKey = () => `key-${Date.now()}-${++n}`;
  const postItem = (key: string, body: unknown = pledgeBody(sourceId), apiKey?: string) =>
    t.post('/v1/items', body, { headers: { 'idempotency-key': key }, ...(apiKey ? { key: apiKey } : {}) });
  const stored = async (key: string) =>
    (await t.db.query(`SELECT response_status FROM idempotency_keys WHERE key = $1`, [key])).length;

  it('should put the interceptor on every POST route, and on no other', () => {
    const routes: { name: string; post: boolean; idempotent: boolean }[] = [];
    for (const module of t.app.get(ModulesContainer).values())
      for (const controller of module.controllers.values()) {
        const proto = (controller.metatype as { prototype: Record<string, unknown> }).prototype;
        for (const name of Object.getOwnPropertyNames(proto)) {
          const handler = proto[name];
          if (typeof handler !== 'function') continue;
          const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
          if (method === undefined) continue;
          const interceptors: unknown[] = Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? [];
          routes.push({
            name: `${controller.name}.${name}`,
            post: method === RequestMethod.POST,
            idempotent: interceptors.includes(IdempotencyInterceptor),
          });
        }
      }
    expect(routes.filter((r) => r.post).length).toBeGreaterThanOrEqual(12);
    // Multipart uploads have no JSON body for the key to be compared with: an import is idempotent
    // by its rows' keys instead, and a preview stores nothing (docs/imports.md).
    const byRowKey = ['ImportsController.create', 'ImportsController.preview'];
    expect(routes.filter((r) => r.post !== r.idempotent && !byRowKey.includes(r.name))).toEqual([]);
  });

  it('should replay the first status, body and ETag on a retry, and create nothing more', async () => {
    const key = freshKey();
    const first = await postItem(key);
    const items = await t.count('items');
    const retry = await postItem(key);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.etag).toBe('"1"');
    expect(await t.count('items')).toBe(items);
  });

  it('should treat the same fields in another order as the same request', async () => {
    const key = freshKey();
    const body = pledgeBody(sourceId);
    await postItem(key, body);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect((await postItem(key, reordered)).headers['idempotent-replayed']).toBe('true');
  });

  it('should refuse the same key with a different body or path with 422', async () => {
    const key = freshKey();
    await postItem(key);
    const other = await postItem(key, pledgeBody(sourceId, { title: 'Another pledge' }));
    expect([other.status, other.body.code]).toEqual([422, 'IDEMPOTENCY.KEY_REUSED']);
    const elsewhere = await t.post(
      '/v1/actors',
      { name: 'NATO', kind: 'organization' },
      { headers: { 'idempotency-key': key } },
    );
    expect(elsewhere.status).toBe(422);
  });

  it('should scope keys to the API key that sent them', async () => {
    const key = freshKey();
    const mine = await postItem(key);
    const theirs = await postItem(key, undefined, t.keys.editor);
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('should answer 409 while the first request with the key is still running', async () => {
    const key = freshKey();
    const hash = requestHash('POST', '/v1/items', pledgeBody(sourceId));
    await t.db.query(`INSERT INTO idempotency_keys (api_key_id, key, request_hash) VALUES ($1, $2, $3)`, [
      adminKeyId,
      key,
      hash,
    ]);
    const res = await postItem(key);
    expect([res.status, res.body.code]).toEqual([409, 'IDEMPOTENCY.IN_PROGRESS']);
  });

  it('should store nothing for requests rejected before they ran, so a corrected retry runs', async () => {
    const key = freshKey();
    expect(
      (await postItem(key, { ...pledgeBody(sourceId), amount: { value: 4e10, currency: 'EUR' } })).status,
    ).toBe(422);
    expect((await postItem(key, pledgeBody(sourceId), 'not-a-key')).status).toBe(401);
    expect((await postItem(key, pledgeBody(sourceId), t.keys.viewer)).status).toBe(403);
    expect(await stored(key)).toBe(0);
    const fixed = await postItem(key);
    expect(fixed.status).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('should forget a key after 24 hours, and take over a claim whose lease ran out (a crashed request)', async () => {
    const old = freshKey();
    await postItem(old);
    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`, [
      old,
    ]);
    expect((await postItem(old, pledgeBody(sourceId, { title: 'A new pledge' }))).status).toBe(201);
    const abandoned = freshKey();
    await t.db.query(
      `INSERT INTO idempotency_keys (api_key_id, key, request_hash, created_at, lease_until)
       VALUES ($1, $2, 'crashed', now() - interval '10 minutes', now() - interval '1 second')`,
      [adminKeyId, abandoned],
    );
    expect((await postItem(abandoned)).status).toBe(201);
  });

  it('should remove expired records in the cleanup and keep fresh ones', async () => {
    const [expired, fresh] = [freshKey(), freshKey()];
    await postItem(expired);
    await postItem(fresh);
    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`, [
      expired,
    ]);
    expect(await t.app.get(IdempotencyStore).removeExpired()).toBeGreaterThanOrEqual(1);
    expect([await stored(expired), await stored(fresh)]).toEqual([0, 1]);
  });

  it('should replay timeline appends with the item ETag they returned', async () => {
    const item = await createItem(t, pledgeBody(sourceId));
    const key = freshKey();
    const body = { status: 'agreed', note: 'Agreed at the summit', effectiveAt: '2024-07-10T12:00:00Z' };
    const first = await t.post(`/v1/items/${item.id}/updates`, body, { headers: { 'idempotency-key': key } });
    const retry = await t.post(`/v1/items/${item.id}/updates`, body, { headers: { 'idempotency-key': key } });
    expect([retry.status, retry.headers.etag, retry.body.id]).toEqual([
      201,
      first.headers.etag,
      first.body.id,
    ]);
    expect(await t.count('updates')).toBe(1);
  });

  it('should never store a secret shown once: a replayed API key creation carries key null', async () => {
    const key = freshKey();
    const first = await t.post(
      '/v1/api-keys',
      { name: 'dashboard', role: 'viewer' },
      { headers: { 'idempotency-key': key } },
    );
    const retry = await t.post(
      '/v1/api-keys',
      { name: 'dashboard', role: 'viewer' },
      { headers: { 'idempotency-key': key } },
    );
    expect(first.status).toBe(201);
    expect(typeof first.body.key).toBe('string');
    expect([retry.status, retry.body.id, retry.body.key]).toEqual([201, first.body.id, null]);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM idempotency_keys WHERE response_body::text LIKE $1`,
      [`%${first.body.key}%`],
    );
    expect(n).toBe(0);
  });

  it('should refuse a key that is too long or has control characters', async () => {
    const res = await postItem('k'.repeat(256));
    expect([res.status, res.body.code]).toEqual([422, 'IDEMPOTENCY.INVALID_KEY']);
  });
});
