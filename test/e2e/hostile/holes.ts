import { QueryFailedError } from 'typeorm';
import { createApp } from '../../../src/app.factory';
import { toProblem } from '../../../src/common/problem.filter';
import { loadConfig } from '../../../src/config';
import { ADMIN_KEY } from '../../helpers/app';
import { createItem, createSource, pledgeBody, startWithSource } from '../../helpers/factories';
import { TestApp } from '../../helpers/app';

describe('holes found by the red-team review', () => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => ({ t, sourceId } = await startWithSource()));
  afterAll(async () => t.close());

  it('treats % and _ in a sources search as the characters they are', async () => {
    await createSource(t, { title: 'Budget up 50% in a year', text: undefined });
    await createSource(t, { title: 'Budget up 500 in a year', text: undefined });
    const percent = await t.get('/v1/sources?q=50%25');
    expect(percent.body.data.map((s: { title: string }) => s.title)).toEqual(['Budget up 50% in a year']);
    expect((await t.get('/v1/sources?q=_')).body.data).toEqual([]);
    expect((await t.get('/v1/actors?q=%25')).body.data).toEqual([]);
  });

  it('understands If-Match: * and lists of tags (RFC 9110), strong comparison only', async () => {
    const item = await createItem(t, pledgeBody(sourceId));
    const patch = (ifMatch: string) =>
      t.patch(`/v1/items/${item.id}`, { title: `t ${ifMatch}` }, { headers: { 'if-match': ifMatch } });
    expect((await patch('*')).status).toBe(200); // version 1 → 2
    expect((await patch('"7", "2"')).status).toBe(200); // 2 → 3
    expect((await patch('W/"3"')).status).toBe(412);
    expect((await patch('"1", "2"')).status).toBe(412);
    const star = await t.patch(
      '/v1/items/00000000-0000-4000-8000-000000000000',
      { title: 'x' },
      { headers: { 'if-match': '*' } },
    );
    expect(star.status).toBe(404);
  });

  it('refuses at creation a repeating follow-up whose next occurrence would overflow', async () => {
    const item = await createItem(t, pledgeBody(sourceId));
    const res = await t.post(`/v1/items/${item.id}/follow-ups`, {
      dueAt: '2200-06-01T00:00:00Z',
      note: 'check',
      repeatEvery: 'P9999Y',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('repeatEvery');
    const ok = await t.post(`/v1/items/${item.id}/follow-ups`, {
      dueAt: '2024-06-01T00:00:00Z',
      note: 'check',
      repeatEvery: 'P1Y',
    });
    expect(ok.status).toBe(201);
    expect((await t.post(`/v1/follow-ups/${ok.body.id}/complete`, {})).status).toBe(200);
  });

  it('keeps a revoked ADMIN_API_KEY revoked across restarts, and audits the bootstrap', async () => {
    const other = (await t.post('/v1/api-keys', { name: 'second admin', role: 'admin' })).body.key;
    const keys = (await t.get('/v1/api-keys', { key: other })).body.data;
    const bootstrapKey = keys.find((k: { name: string }) => k.name === 'admin (ADMIN_API_KEY)');
    expect((await t.delete(`/v1/api-keys/${bootstrapKey.id}`, { key: other })).status).toBe(204);
    const restarted = await createApp(
      loadConfig({ LOG_LEVEL: 'silent', ADMIN_API_KEY: ADMIN_KEY, SCHEDULER_ENABLED: 'false' }),
      t.databaseUrl,
    );
    try {
      const res = await restarted.inject({
        method: 'GET',
        url: '/v1/items',
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
      expect(res.statusCode).toBe(401);
    } finally {
      await restarted.close();
    }
    const audit = await t.get(`/v1/audit?entityType=api_key&entityId=${bootstrapKey.id}`, { key: other });
    expect(audit.body.data.map((e: { action: string }) => e.action).sort()).toEqual(['bootstrap', 'revoke']);
  });

  it('names the field of a value the database refused', () => {
    const refused = (driverError: Record<string, string>) =>
      toProblem(new QueryFailedError('INSERT …', [], Object.assign(new Error('refused'), driverError)));
    expect(refused({ code: '23502', column: 'due_at', table: 'follow_ups' }).errors).toEqual([
      { path: 'dueAt', message: 'is required' },
    ]);
    expect(refused({ code: '23514', constraint: 'items_amount_value_check', table: 'items' }).errors).toEqual(
      [{ path: 'amountValue', message: 'breaks a rule of the data model' }],
    );
    expect(refused({ code: '22003' }).errors).toEqual([{ path: 'body', message: 'is out of range' }]);
  });

  it('runs the embedded test database with a random password, not the fixed one', () => {
    const url = process.env.PLEDGEWATCH_TEST_ADMIN_URL!;
    if (process.env.DATABASE_URL) return; // an external server: its password is not ours to choose
    expect(new URL(url).password).not.toBe('postgres');
    expect(new URL(url).password.length).toBeGreaterThanOrEqual(32);
  });
});
