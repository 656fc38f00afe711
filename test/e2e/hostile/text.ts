import { XMLValidator } from 'fast-xml-parser';
import { TestApp } from '../../helpers/app';
import { createItem, createSource, pledgeBody } from '../../helpers/factories';

/** XML 1.0's Char production; anything outside it makes the document ill-formed. */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/**
 * Unicode non-characters (U+FDD0–U+FDEF, U+xFFFE/U+xFFFF in every plane) and lone surrogates in
 * text: refused in every DTO, and never able to break a feed once stored (issue #22, finding 4).
 */
describe('text that XML and UTF-8 cannot carry', () => {
  let t: TestApp;
  let sourceId: string;
  let itemId: string;
  beforeAll(async () => {
    t = await TestApp.start();
    sourceId = (await createSource(t)).id;
    itemId = (await createItem(t, pledgeBody(sourceId))).id;
  });
  afterAll(async () => t.close());

  const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

  it.each([
    ['U+FFFF in an item title', '/v1/items', () => pledgeBody(sourceId, { title: 'Aid \uFFFF' }), 'title'],
    [
      'U+FFFE in a source title',
      '/v1/sources',
      () => ({ url: 'https://example.org/x', title: '\uFFFEx', language: 'en' }),
      'title',
    ],
    ['U+FDD0 in an actor name', '/v1/actors', () => ({ name: 'NATO \uFDD0', kind: 'organization' }), 'name'],
    ['U+1FFFE in an update note', `/v1/items/:item/updates`, () => ({ note: 'Agreed \u{1FFFE}' }), 'note'],
    [
      'U+10FFFF in a follow-up note',
      `/v1/items/:item/follow-ups`,
      () => ({ dueAt: '2030-01-01T00:00:00Z', note: '\u{10FFFF}' }),
      'note',
    ],
    [
      'a lone high surrogate in a quote',
      '/v1/items',
      () =>
        pledgeBody(sourceId, {
          citations: [{ sourceId, role: 'origin', language: 'fr', quote: 'a\uD800b' }],
        }),
      'citations.0.quote',
    ],
    [
      'a lone low surrogate in a tag',
      '/v1/items',
      () => pledgeBody(sourceId, { tags: ['ok', '\uDFFF'] }),
      'tags.1',
    ],
    [
      'U+FFFF in a feed assignee',
      '/v1/feeds',
      () => ({ kind: 'follow-ups', assignee: 'desk\uFFFF' }),
      'assignee',
    ],
  ])('refuses %s with 422 naming the field, and stores nothing', async (_name, url, body, path) => {
    const before = await t.count('audit_log');
    const res = await t.post(url.replace(':item', itemId), body());
    expect(res.status).toBe(422);
    expect(paths(res.body)).toContain(path);
    expect(res.body.errors).toContainEqual({
      path,
      message: `${path.split('.').pop()} must not contain Unicode non-characters or lone surrogates`,
    });
    expect(await t.count('audit_log')).toBe(before);
  });

  it('refuses a non-character in a query parameter', async () => {
    const res = await t.get(`/v1/items?q=${encodeURIComponent('aid\uFFFF')}`);
    expect(res.status).toBe(422);
    expect(paths(res.body)).toEqual(['q']);
  });

  it('accepts characters outside the BMP written as surrogate pairs, and U+FFFD itself', async () => {
    const res = await t.post('/v1/items', pledgeBody(sourceId, { title: 'Aid 🛡️ for 𝕌kraine \uFFFD' }));
    expect(res.status).toBe(201);
    expect(res.body.title).toBe('Aid 🛡️ for 𝕌kraine \uFFFD');
  });

  it('keeps the Atom feed well-formed when stored text holds characters XML cannot carry', async () => {
    const feed = await t.post('/v1/feeds', { kind: 'changes' }, { key: t.keys.editor });
    const item = await createItem(t, pledgeBody(sourceId));
    await t.post(`/v1/items/${item.id}/updates`, { status: 'agreed', note: 'Agreed in Brussels' });
    // Stored before the check existed (or written by another path): U+FFFF, U+FFFE, a C0 control.
    await t.db.query(
      `UPDATE items SET title = 'Aid ' || chr(65535) || ' plan' || chr(1), statement = chr(65534) || 'statement' WHERE id = $1`,
      [item.id],
    );
    await t.db.query(`UPDATE updates SET note = 'Agreed' || chr(65535) WHERE item_id = $1`, [item.id]);
    const res = await t.get(`/feeds/${feed.body.token}.atom`, { key: null });
    expect(res.status).toBe(200);
    expect(XMLValidator.validate(res.text)).toBe(true);
    expect(res.text).toMatch(XML_CHARS);
    expect(res.text).toContain('New commitment: Aid \uFFFD plan\uFFFD (proposed)');
    expect(res.text).toContain('Aid \uFFFD plan\uFFFD: proposed → agreed');
    expect(res.text).toContain('Agreed\uFFFD');
  });
});
