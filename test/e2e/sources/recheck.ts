import { XMLParser } from 'fast-xml-parser';
import { Webhook } from 'standardwebhooks';
import { RecheckScheduler } from '../../../src/rechecks/recheck-scheduler';
import { TestApp } from '../../helpers/app';
import { createItem } from '../../helpers/factories';
import { fixturePage, PageServer } from '../../helpers/page-server';
import { Receiver, waitFor } from '../../helpers/receiver';

const PAGE = fixturePage('en-global-fund.html').toString('utf8');
const KEPT = 'pledges and commitments secured that day amounted to US$14.02 billion';
const DROPPED = 'a sum that Bill Gates, the billionaire philanthropist, agreed to match';
/** The page as the site rewrote it after the conference: one paragraph gone. */
const EDITED = PAGE.replace(
  /<p>By Macron’s count[^<]*<\/p>/,
  '<p>Correction: an earlier version misstated the French contribution.</p>',
);

const claim = (sourceId: string, quote: string) => ({
  kind: 'claim',
  title: quote.slice(0, 60),
  statement: 'Recorded from the source.',
  language: 'en',
  status: 'unverified',
  citations: [{ sourceId, role: 'origin', quote }],
});

interface AtomEntry {
  title: string;
  author: { name: string };
  summary: { '#text': string };
  link: { '@_rel': string; '@_href': string }[];
}

describe('source rechecks', () => {
  let t: TestApp;
  let web: PageServer;
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await Receiver.start();
    web = await PageServer.start();
    t = await TestApp.start({
      SCHEDULER_ENABLED: 'true',
      REMINDER_POLL_MS: '50',
      RECHECK_POLL_MS: '3600000',
    });
  });
  afterAll(async () => {
    await t.close();
    await web.close();
    await receiver.close();
  });

  const fetched = async (path: string, body: string) => {
    const res = await t.post('/v1/sources/fetch', { url: web.put(path, body) });
    if (res.status !== 201) throw new Error(`fetch: ${res.status} ${res.text}`);
    return res.body as { id: string; url: string; title: string; snapshot: { id: string } };
  };

  it('should archive a changed page, flag the citation whose passage left, and tell subscribers once', async () => {
    expect(EDITED).not.toContain('Bill Gates');
    const hook = (
      await t.post('/v1/webhooks', { url: receiver.url('/changed'), events: ['item.source_changed'] })
    ).body;
    const source = await fetched('/live', PAGE);
    const kept = await createItem(t, claim(source.id, KEPT));
    const dropped = await createItem(t, claim(source.id, DROPPED));
    const textBefore = (await t.get(`/v1/sources/${source.id}/text`)).body.text;

    web.put('/live', EDITED);
    const res = await t.post(`/v1/sources/${source.id}/recheck`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sourceId: source.id, liveStatus: 'changed', failure: null });
    expect(res.body.snapshot.sha256).not.toBe(undefined);
    expect(res.body.citations).toEqual(
      expect.arrayContaining([
        { id: kept.citations[0].id, itemId: kept.id, stillPresent: true },
        { id: dropped.citations[0].id, itemId: dropped.id, stillPresent: false },
      ]),
    );
    expect((await t.get(`/v1/sources/${source.id}/text`)).body.text).toBe(textBefore);
    expect((await t.get(`/v1/sources/${source.id}`)).body).toMatchObject({ liveStatus: 'changed' });
    expect((await t.get(`/v1/sources/${source.id}/snapshots`)).body.data).toHaveLength(2);

    const flagged = (await t.get(`/v1/items/${dropped.id}`)).body;
    expect(flagged).toMatchObject({ sourceChanged: true, version: dropped.version + 1 });
    expect(flagged.citations[0].stillPresent).toBe(false);
    expect((await t.get(`/v1/items/${kept.id}`)).body).toMatchObject({
      sourceChanged: false,
      version: kept.version,
    });
    const list = (await t.get('/v1/items?sourceChanged=true')).body.data.map((i: { id: string }) => i.id);
    expect(list).toEqual([dropped.id]);

    await waitFor('the source_changed delivery', () => receiver.to('/changed').length === 1);
    const [delivery] = receiver.to('/changed');
    const payload = new Webhook(hook.secret).verify(
      delivery.body,
      delivery.headers as Record<string, string>,
    );
    expect(payload).toMatchObject({
      type: 'item.source_changed',
      data: {
        itemId: dropped.id,
        sourceId: source.id,
        citationId: dropped.citations[0].id,
        liveStatus: 'changed',
      },
    });

    const again = await t.post(`/v1/sources/${source.id}/recheck`);
    expect(again.body).toMatchObject({ liveStatus: 'changed', snapshot: null });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.to('/changed')).toHaveLength(1);
  });

  it('should list the passage that left the live page in the Atom changes feed', async () => {
    const feed = (await t.post('/v1/feeds', { kind: 'changes', tag: 'rechecked' })).body;
    const source = await fetched('/in-feed', PAGE);
    const item = await createItem(t, { ...claim(source.id, DROPPED), tags: ['rechecked'] });
    web.put('/in-feed', EDITED);
    expect((await t.post(`/v1/sources/${source.id}/recheck`)).body.liveStatus).toBe('changed');

    const res = await t.get(`/feeds/${feed.token}.atom`, { key: null });
    expect(res.status).toBe(200);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => ['entry', 'link'].includes(name),
    });
    const entries = (parsed.parse(res.text, true) as { feed: { entry: AtomEntry[] } }).feed.entry;
    expect(entries.map((e) => e.title)).toEqual([
      `${item.title}: a cited passage left the live page of ${source.title}`,
      `New claim: ${item.title} (unverified)`,
    ]);
    const [changed] = entries;
    expect(changed.summary['#text']).toContain(`“${DROPPED}” is no longer on the live page`);
    expect(changed.summary['#text']).toContain(`<${source.url}> has changed`);
    expect(changed.author.name).toBe('Pledgewatch');
    expect(changed.link.map((l) => [l['@_rel'], l['@_href']])).toEqual([
      ['alternate', expect.stringContaining(`/items/${item.id}`)],
      ['related', source.url],
    ]);
  });

  it('should say unchanged when the page is as archived, and gone on a 404', async () => {
    const source = await fetched('/stable', PAGE);
    const item = await createItem(t, claim(source.id, KEPT));
    const same = await t.post(`/v1/sources/${source.id}/recheck`);
    expect(same.body).toMatchObject({ liveStatus: 'unchanged', snapshot: null });
    expect(same.body.citations).toEqual([{ id: item.citations[0].id, itemId: item.id, stillPresent: true }]);

    web.pages.delete('/stable');
    const gone = await t.post(`/v1/sources/${source.id}/recheck`);
    expect(gone.body).toMatchObject({ liveStatus: 'gone', snapshot: null });
    expect(gone.body.citations[0].stillPresent).toBe(false);
    expect((await t.get(`/v1/sources/${source.id}`)).body.liveStatus).toBe('gone');
    expect((await t.get(`/v1/items/${item.id}`)).body.sourceChanged).toBe(true);
  });

  it('should call a page unreachable only after three failed checks in a row', async () => {
    const source = await fetched('/flaky', PAGE);
    web.pages.set('/flaky', { status: 503, body: 'maintenance' });
    const first = await t.post(`/v1/sources/${source.id}/recheck`);
    expect(first.body).toMatchObject({ liveStatus: null, failure: 'the page answered 503' });
    await t.post(`/v1/sources/${source.id}/recheck`);
    const third = await t.post(`/v1/sources/${source.id}/recheck`);
    expect(third.body.liveStatus).toBe('unreachable');
  });

  it('should recheck each due source exactly once when two replicas run the scheduler together', async () => {
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await fetched(`/due/${i}`, PAGE)).id);
    await t.db.query(
      `UPDATE sources SET next_check_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const other = await t.replica({ SCHEDULER_ENABLED: 'false' });
    try {
      const before = web.requests.length;
      const [a, b] = await Promise.all([
        t.app.get(RecheckScheduler).runOnce(),
        other.get(RecheckScheduler).runOnce(),
      ]);
      expect(a + b).toBe(4);
      expect(web.requests.slice(before).sort()).toEqual(ids.map((_, i) => `/due/${i}`).sort());
      const rows = await t.db.query(
        `SELECT live_status, next_check_at > now() + interval '6 days' AS later FROM sources WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      expect(rows).toEqual(ids.map(() => ({ live_status: 'unchanged', later: true })));
    } finally {
      await other.close();
    }
  });
});
