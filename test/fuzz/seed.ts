import { TestApp } from '../helpers/app';
import { createActor, createItem, createSource, pledgeBody } from '../helpers/factories';

/**
 * One of each record the API knows, so that generated ids hit real rows and requests reach the
 * code behind the 404s. Routes of features that may not exist yet are tried, not required.
 * Returns the paths of a calendar and an Atom feed of everything, for the feed oracle.
 */
export async function seedFuzzData(t: TestApp): Promise<{ feeds: string[] }> {
  const source = await createSource(t);
  const actor = await createActor(t, {
    name: 'Rustem Umerov',
    kind: 'person',
    aliases: ['Roustem Oumierov'],
  });
  const item = await createItem(
    t,
    pledgeBody(source.id, { actors: [{ actorId: actor.id, role: 'pledger' }], dueAt: '2030-12-31' }),
  );
  await t.post(`/v1/items/${item.id}/updates`, {
    status: 'agreed',
    note: 'Ministers agreed',
    effectiveAt: '2024-06-14T10:00:00Z',
  });
  await t.post(`/v1/items/${item.id}/follow-ups`, {
    dueAt: '2030-01-01T00:00:00Z',
    note: 'Check the NATO summit communiqué',
  });
  await t.post('/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['item.created'] });
  const feeds = await Promise.all(
    ['follow-ups', 'changes'].map((kind) => t.post('/v1/feeds', { kind }, { key: t.keys.editor })),
  );
  return { feeds: feeds.map((f) => new URL(String(f.body.feedUrl)).pathname) };
}
