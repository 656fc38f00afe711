import { TestApp } from '../helpers/app';
import { createActor } from '../helpers/factories';

describe('actors', () => {
  let t: TestApp;
  beforeAll(async () => (t = await TestApp.start()));
  afterAll(async () => t.close());

  it('should find an actor by alias, case- and accent-insensitively', async () => {
    const umerov = await createActor(t, {
      name: 'Rustem Umerov',
      kind: 'person',
      aliases: ['Roustem Oumierov'],
    });
    for (const q of ['oumierov', 'OUMIÉROV', 'umerov']) {
      const res = await t.get(`/v1/actors?q=${encodeURIComponent(q)}`);
      expect(res.body.data.map((a: { id: string }) => a.id)).toEqual([umerov.id]);
    }
  });

  it('should refuse a name that another actor has as name or alias (409)', async () => {
    await createActor(t, { name: 'Pologne Test', kind: 'country', aliases: ['Polska Test'] });
    const res = await t.post('/v1/actors', { name: 'POLSKA TÉST', kind: 'country' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ACTOR.DUPLICATE_NAME');
  });

  it('should let an actor rename itself and keep its aliases unique', async () => {
    const a = await createActor(t, { name: 'Jens Stoltenberg', kind: 'person' });
    const res = await t.patch(`/v1/actors/${a.id}`, { aliases: ['Secretary General Stoltenberg'] });
    expect(res.status).toBe(200);
    expect((await t.get('/v1/actors?q=secretary')).body.data[0].id).toBe(a.id);
  });

  it('should reject an unknown kind with 422', async () => {
    const res = await t.post('/v1/actors', { name: 'X', kind: 'planet' });
    expect([res.status, res.body.errors[0].path]).toEqual([422, 'kind']);
  });
});
