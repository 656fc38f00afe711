import { XMLParser } from 'fast-xml-parser';
import { TestApp } from '../../helpers/app';
import { createActor, createItem, createSource, PLEDGE_QUOTE, pledgeBody } from '../../helpers/factories';

const BASE = 'https://pledgewatch.example.org';
const ATOM_NS = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

interface Link {
  '@_rel'?: string;
  '@_href': string;
  '@_title'?: string;
}
interface Entry {
  id: string;
  title: string;
  updated: string;
  published: string;
  author: { name: string };
  link: Link[];
  category: { '@_term': string }[];
  summary: { '#text': string; '@_type': string };
}
interface AtomFeed {
  '@_xmlns': string;
  id: string;
  title: string;
  updated: string;
  author: { name: string };
  link: Link[];
  entry: Entry[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['entry', 'link', 'category'].includes(name),
});

/** Parses the document as XML and checks what RFC 4287 requires of a feed and its entries. */
function parseAtom(text: string): AtomFeed {
  const feed = (parser.parse(text, true) as { feed: AtomFeed }).feed;
  expect(feed['@_xmlns']).toBe(ATOM_NS);
  // atom:feed: exactly one id, title, updated; an author (here at feed level, so entries need none).
  expect(feed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  expect(typeof feed.title).toBe('string');
  expect(feed.updated).toMatch(RFC3339);
  expect(feed.author.name).toBeTruthy();
  expect(feed.link.filter((l) => l['@_rel'] === 'self')).toHaveLength(1);
  feed.entry ??= [];
  for (const entry of feed.entry) {
    expect(entry.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(entry.title).toBeTruthy();
    expect(entry.updated).toMatch(RFC3339);
    // No atom:content, so an alternate link is required; at most one per type and language.
    expect(entry.link.filter((l) => (l['@_rel'] ?? 'alternate') === 'alternate')).toHaveLength(1);
    for (const link of entry.link) expect(() => new URL(link['@_href'])).not.toThrow();
  }
  const ids = feed.entry.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  const times = feed.entry.map((e) => Date.parse(e.updated));
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  return feed;
}

describe('Atom feeds of changes (/feeds/<token>.atom)', () => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => {
    t = await TestApp.start({ PUBLIC_BASE_URL: BASE });
    sourceId = (await createSource(t)).id;
  });
  afterAll(async () => t.close());

  const feed = async (body: Record<string, unknown>) => {
    const res = await t.post('/v1/feeds', { kind: 'changes', ...body }, { key: t.keys.editor });
    expect(res.status).toBe(201);
    expect(res.body.feedUrl).toBe(`${BASE}/feeds/${res.body.token}.atom`);
    return res.body as { id: string; token: string };
  };
  const fetchAtom = (path: string, headers: Record<string, string> = {}) =>
    t.get(path.replace(BASE, ''), { key: null, headers });

  it('lists new items and status changes, newest first, with the update’s note and evidence', async () => {
    const created = await feed({ tag: 'atom-story' });
    const item = await createItem(t, pledgeBody(sourceId, { tags: ['atom-story'] }));
    await t.post(`/v1/items/${item.id}/updates`, {
      status: 'agreed',
      effectiveAt: '2024-07-10T12:00:00Z',
      note: 'Allies agreed the baseline at the Washington summit',
    });
    await t.post(`/v1/items/${item.id}/updates`, {
      status: 'partially_fulfilled',
      note: 'About half delivered by year end',
      evidence: [{ sourceId, quote: PLEDGE_QUOTE }],
    });
    const res = await fetchAtom(`/feeds/${created.token}.atom`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const atom = parseAtom(res.text);
    expect(atom.entry.map((e) => e.title)).toEqual([
      `${item.title}: agreed → partially_fulfilled`,
      `${item.title}: proposed → agreed`,
      `New commitment: ${item.title} (proposed)`,
    ]);
    const [latest, agreed, createdEntry] = atom.entry;
    expect(latest.summary['#text']).toContain('About half delivered by year end');
    expect(latest.summary['#text']).toContain('40 milliards');
    const related = latest.link.filter((l) => l['@_rel'] === 'related');
    expect(related.map((l) => l['@_href'])).toEqual([
      expect.stringMatching(/^https:\/\/example\.org\/articles\//),
    ]);
    expect(agreed.summary['#text']).toBe('Allies agreed the baseline at the Washington summit');
    expect(createdEntry.summary['#text']).toBe(item.statement);
    for (const entry of atom.entry)
      expect(entry.link.find((l) => l['@_rel'] === 'alternate')?.['@_href']).toBe(
        `${BASE}/#/items/${item.id}`,
      );
    expect(latest.category.map((c) => c['@_term'])).toEqual(['commitment', 'atom-story']);

    // Entry ids are stable: the same document again names the same entries.
    const again = parseAtom((await fetchAtom(`/feeds/${created.token}.atom`)).text);
    expect(again.entry.map((e) => e.id)).toEqual(atom.entry.map((e) => e.id));
  });

  it('keeps to its filters: item kind and actor', async () => {
    const actorId = (await createActor(t, { name: 'Atom Poland', kind: 'country' })).id;
    const claims = await feed({ itemKind: 'claim', tag: 'atom-filter' });
    const byActor = await feed({ actorId });
    const claim = await createItem(
      t,
      pledgeBody(sourceId, {
        kind: 'claim',
        status: 'unverified',
        title: 'Ministers met in Brussels',
        tags: ['atom-filter'],
        amount: undefined,
        recurrence: undefined,
      }),
    );
    await createItem(
      t,
      pledgeBody(sourceId, { tags: ['atom-filter'], actors: [{ actorId, role: 'subject' }] }),
    );
    const claimEntries = parseAtom((await fetchAtom(`/feeds/${claims.token}.atom`)).text).entry;
    expect(claimEntries.map((e) => e.title)).toEqual([`New claim: ${claim.title} (unverified)`]);
    const actorEntries = parseAtom((await fetchAtom(`/feeds/${byActor.token}.atom`)).text).entry;
    expect(actorEntries).toHaveLength(1);
    expect(actorEntries[0].title).toMatch(/^New commitment/);
  });

  it('pages with rel="next" links, older entries on later pages, none repeated', async () => {
    const created = await feed({ tag: 'atom-pages' });
    for (let i = 0; i < 60; i++)
      await createItem(t, pledgeBody(sourceId, { title: `Paged pledge ${i}`, tags: ['atom-pages'] }));
    const first = parseAtom((await fetchAtom(`/feeds/${created.token}.atom`)).text);
    expect(first.entry).toHaveLength(50);
    expect(first.entry[0].title).toContain('Paged pledge 59');
    const next = first.link.find((l) => l['@_rel'] === 'next')!['@_href'];
    expect(next.startsWith(`${BASE}/feeds/${created.token}.atom?before=`)).toBe(true);
    const second = parseAtom((await fetchAtom(next)).text);
    expect(second.entry).toHaveLength(10);
    expect(second.entry[9].title).toContain('Paged pledge 0');
    expect(second.link.find((l) => l['@_rel'] === 'next')).toBeUndefined();
    expect(second.link.find((l) => l['@_rel'] === 'first')!['@_href']).toBe(
      `${BASE}/feeds/${created.token}.atom`,
    );
    const ids = new Set([...first.entry, ...second.entry].map((e) => e.id));
    expect(ids.size).toBe(60);
    expect((await fetchAtom(`/feeds/${created.token}.atom?before=x`)).status).toBe(422);
  });

  it('answers 304 while nothing changed, and a new document after a status change', async () => {
    const created = await feed({ tag: 'atom-etag' });
    const item = await createItem(t, pledgeBody(sourceId, { tags: ['atom-etag'] }));
    const first = await fetchAtom(`/feeds/${created.token}.atom`);
    const etag = String(first.headers.etag);
    expect((await fetchAtom(`/feeds/${created.token}.atom`, { 'if-none-match': etag })).status).toBe(304);
    await t.post(`/v1/items/${item.id}/updates`, { status: 'agreed', note: 'Agreed' });
    const changed = await fetchAtom(`/feeds/${created.token}.atom`, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(parseAtom(changed.text).entry[0].title).toContain('proposed → agreed');
  });

  it('answers 404 once revoked, and for a calendar file name', async () => {
    const created = await feed({});
    expect((await fetchAtom(`/feeds/${created.token}.ics`)).status).toBe(404);
    await t.delete(`/v1/feeds/${created.id}`);
    expect((await fetchAtom(`/feeds/${created.token}.atom`)).status).toBe(404);
  });
});
