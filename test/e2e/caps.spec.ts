import { TestApp } from '../helpers/app';
import { createItem, createSource, pledgeBody } from '../helpers/factories';

describe('per-key caps on webhooks and open follow-ups', () => {
  let t: TestApp;
  let itemId: string;
  beforeAll(async () => {
    t = await TestApp.start({ MAX_WEBHOOKS_PER_KEY: '2', MAX_OPEN_FOLLOW_UPS_PER_KEY: '2' });
    itemId = (await createItem(t, pledgeBody((await createSource(t)).id))).id;
  });
  afterAll(async () => t.close());

  const webhook = () => t.post('/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['item.created'] });
  const followUp = (key: string) =>
    t.post(`/v1/items/${itemId}/follow-ups`, { dueAt: '2030-01-01T00:00:00Z', note: 'Check again' }, { key });

  it('should refuse a webhook beyond the cap with 409 problem details, and accept one again after a delete', async () => {
    const first = await webhook();
    expect([first.status, (await webhook()).status]).toEqual([201, 201]);
    const before = await t.count('webhooks');
    const refused = await webhook();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'LIMIT.WEBHOOKS', limit: 2 });
    expect(await t.count('webhooks')).toBe(before);
    expect((await t.delete(`/v1/webhooks/${first.body.id}`)).status).toBe(204);
    expect((await webhook()).status).toBe(201);
  });

  it('should count open follow-ups per key, and free a slot when one is done', async () => {
    const first = await followUp(t.keys.editor);
    expect([first.status, (await followUp(t.keys.editor)).status]).toEqual([201, 201]);
    const refused = await followUp(t.keys.editor);
    expect([refused.status, refused.body.code]).toEqual([409, 'LIMIT.OPEN_FOLLOW_UPS']);
    expect((await followUp(t.keys.admin)).status).toBe(201);
    expect(
      (await t.post(`/v1/follow-ups/${first.body.id}/complete`, {}, { key: t.keys.editor })).status,
    ).toBe(200);
    expect((await followUp(t.keys.editor)).status).toBe(201);
  });
});
