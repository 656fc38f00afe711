import { ApiKeysService } from '../../src/api-keys/api-keys.service';
import { TestApp } from '../helpers/app';

/** Issue 22, finding 8: the audit trail and the per-key caps name keys by name, so names are unique. */
describe('API key names', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(() => t.close());

  it('should refuse a second key with a taken name with 409 problem details, revoked keys included', async () => {
    const first = await t.post('/v1/api-keys', { name: 'dashboard', role: 'viewer' });
    expect(first.status).toBe(201);
    const again = await t.post('/v1/api-keys', { name: 'dashboard', role: 'editor' });
    expect([again.status, again.headers['content-type'], again.body.code]).toEqual([
      409,
      'application/problem+json; charset=utf-8',
      'API_KEY.NAME_TAKEN',
    ]);
    expect((await t.delete(`/v1/api-keys/${first.body.id}`)).status).toBe(204);
    expect((await t.post('/v1/api-keys', { name: 'dashboard', role: 'viewer' })).status).toBe(409);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM api_keys WHERE name = 'dashboard'`);
    expect(n).toBe(1);
  });

  it('should name keys the service makes itself apart by their prefix instead of failing', async () => {
    const keys = t.app.get(ApiKeysService);
    const one = await keys.create('demo loader', 'editor', 'demo', { orSuffixed: true });
    const two = await keys.create('demo loader', 'editor', 'demo', { orSuffixed: true });
    expect(one.key.name).toBe('demo loader');
    expect(two.key.name).toBe(`demo loader ${two.secret.slice(0, 10)}`);
  });

  it('should keep the oldest name and rename later duplicates (audited) when the migration runs', async () => {
    const last = async () =>
      (await t.db.query<{ name: string }[]>(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`))[0].name;
    while ((await last()) !== 'UniqueApiKeyNames1732702610000')
      await t.db.undoLastMigration({ transaction: 'each' });
    await t.db.undoLastMigration({ transaction: 'each' });
    const ids: { id: string }[] = await t.db.query(
      `INSERT INTO api_keys (name, role, key_hash, key_prefix, created_at)
       SELECT 'twin', 'viewer', 'hash-' || n, 'pw_twin' || n, now() - n * interval '1 day'
         FROM generate_series(1, 3) n ORDER BY n DESC RETURNING id`,
    );
    await t.db.runMigrations({ transaction: 'each' });
    const rows: { id: string; name: string }[] = await t.db.query(
      `SELECT id, name FROM api_keys WHERE key_hash LIKE 'hash-%' ORDER BY created_at`,
    );
    // The oldest (hash-3, three days ago) keeps "twin"; the others become "twin (<id>)".
    expect(rows.map((r) => r.name)).toEqual(['twin', `twin (${rows[1].id})`, `twin (${rows[2].id})`]);
    expect(ids).toHaveLength(3);
    const renames = await t.db.query(
      `SELECT change->>'from' AS "from", change->>'to' AS "to" FROM audit_log WHERE action = 'rename' ORDER BY id`,
    );
    expect(renames).toHaveLength(2);
    expect(renames.every((r: { from: string }) => r.from === 'twin')).toBe(true);
    expect((await t.post('/v1/api-keys', { name: 'twin', role: 'viewer' })).status).toBe(409);
  });
});
