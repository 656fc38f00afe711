import { TestApp } from '../../helpers/app';

describe('API keys and roles', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(async () => t.close());

  it('should answer 401 without a key or with a bad one, and let health and docs through', async () => {
    expect((await t.get('/v1/sources', { key: null })).status).toBe(401);
    expect((await t.get('/v1/sources', { key: 'pw_wrong' })).status).toBe(401);
    expect((await t.get('/health/live', { key: null })).status).toBe(200);
    expect((await t.get('/health/ready', { key: null })).status).toBe(200);
    expect((await t.get('/openapi.json', { key: null })).status).toBe(200);
  });

  it('should let a viewer read but not write (403), and an editor not manage keys', async () => {
    expect((await t.get('/v1/sources', { key: t.keys.viewer })).status).toBe(200);
    const write = await t.post('/v1/actors', { name: 'X', kind: 'person' }, { key: t.keys.viewer });
    expect([write.status, write.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    expect((await t.get('/v1/api-keys', { key: t.keys.editor })).status).toBe(403);
  });

  it('should show a new key once, never list secrets, and revoke at once', async () => {
    const created = await t.post('/v1/api-keys', { name: 'dashboard', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^pw_/);
    const list = await t.get('/v1/api-keys');
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect((await t.get('/v1/items', { key: created.body.key })).status).toBe(200);
    expect((await t.delete(`/v1/api-keys/${created.body.id}`)).status).toBe(204);
    expect((await t.get('/v1/items', { key: created.body.key })).status).toBe(401);
  });

  it('should record the key name as the author of a write', async () => {
    const res = await t.post(
      '/v1/actors',
      { name: 'Written By Editor', kind: 'person' },
      { key: t.keys.editor },
    );
    const [row] = await t.db.query(`SELECT created_by FROM actors WHERE id = $1`, [res.body.id]);
    expect(row.created_by).toBe('editor-key');
  });
});
