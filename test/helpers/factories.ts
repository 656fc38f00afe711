import { NATO_TEXT, TestApp } from './app';

/** Builders for valid records; each test overrides only what it is about. */
let counter = 0;
const unique = () => `${Date.now().toString(36)}-${++counter}`;

export async function createSource(t: TestApp, overrides: Record<string, unknown> = {}) {
  const res = await t.post('/v1/sources', {
    url: `https://example.org/articles/${unique()}`,
    title: 'Les ministres de la Défense de l’OTAN approuvent un nouveau plan',
    publisher: 'Tunisie Focus',
    publishedAt: '2024-06-13T18:00:00Z',
    language: 'fr',
    kind: 'news_article',
    text: NATO_TEXT,
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`createSource: ${res.status} ${res.text}`);
  return res.body;
}

export async function createActor(t: TestApp, overrides: Record<string, unknown> = {}) {
  const res = await t.post('/v1/actors', { name: `Actor ${unique()}`, kind: 'organization', ...overrides });
  if (res.status !== 201) throw new Error(`createActor: ${res.status} ${res.text}`);
  return res.body;
}

export const PLEDGE_QUOTE =
  "fournissent chaque année à l'Ukraine une assistance militaire équivalant à au moins 40 milliards d'euros";

export function pledgeBody(sourceId: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'commitment',
    title: 'Allies provide Ukraine at least €40bn of military aid per year',
    statement:
      'Allies provide Ukraine each year with military assistance worth at least EUR 40 billion, for as long as necessary.',
    language: 'en',
    tags: ['military-aid'],
    amount: { value: '40000000000', currency: 'EUR', qualifier: 'at_least' },
    recurrence: 'annual',
    status: 'proposed',
    citations: [{ sourceId, role: 'origin', language: 'fr', quote: PLEDGE_QUOTE }],
    ...overrides,
  };
}

export async function createItem(t: TestApp, body: Record<string, unknown>) {
  const res = await t.post('/v1/items', body);
  if (res.status !== 201) throw new Error(`createItem: ${res.status} ${res.text}`);
  return res.body;
}

/** The app on its own database, with one source holding the NATO article: the start of most item specs. */
export async function startWithSource(): Promise<{ t: TestApp; sourceId: string }> {
  const t = await TestApp.start();
  return { t, sourceId: (await createSource(t)).id };
}
