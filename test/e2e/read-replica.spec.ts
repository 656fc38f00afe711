import { runMigrations } from '../../src/database/data-source';
import { TestApp } from '../helpers/app';
import { createSource, pledgeBody } from '../helpers/factories';
import {
  hasPostgres15,
  PG15_BIN,
  queryOnce,
  startStreamingPair,
  StreamingPair,
  waitForReplay,
} from '../helpers/streaming-replica';

/**
 * Reads from a real streaming replica (Debian's PostgreSQL 15, `pg_basebackup -R`), with its
 * replay paused so it lags for as long as the test wants: a key that just wrote reads its write
 * (from the primary, the replica being behind its WAL position), another key reads the replica and
 * does not see it yet; tags and 304s never take a client back in time; once replay resumes both
 * see it (docs/scaling.md, "Read replicas").
 */
describe('read replicas with read-your-writes', () => {
  let pair: StreamingPair;
  let t: TestApp;
  let sourceId: string;
  /** An Atom feed of changes: read by its token (no key), so from the replica. */
  let feedPath: string;

  beforeAll(async () => {
    if (!hasPostgres15())
      throw new Error(`${PG15_BIN} is missing: apt-get install postgresql (.ci/run does)`);
    pair = await startStreamingPair();
    await runMigrations(pair.primaryUrl);
    t = await TestApp.startOn(pair.primaryUrl, {
      DATABASE_READ_URL: pair.standbyUrl,
      READ_YOUR_WRITES_WAIT_MS: '100',
    });
    sourceId = (await createSource(t)).id as string;
    const feed = await t.post('/v1/feeds', { kind: 'changes' }, { key: t.keys.editor });
    feedPath = `/feeds/${feed.body.token as string}.atom`;
    await waitForReplay(pair);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await pair?.stop();
  });

  const pause = async () => {
    await queryOnce(pair.standbyUrl, 'SELECT pg_wal_replay_pause()');
    const until = Date.now() + 5000;
    while (Date.now() < until) {
      const [{ state }] = await queryOnce<{ state: string }>(
        pair.standbyUrl,
        'SELECT pg_get_wal_replay_pause_state() AS state',
      );
      if (state === 'paused') return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('replay did not pause');
  };
  const titles = (res: { body: { data: { title: string }[] } }) => res.body.data.map((i) => i.title);

  it('should let the writing key read its write while another key reads the lagging replica', async () => {
    await pause();
    const writer = t.keys.editor;
    const reader = t.keys.viewer;
    const before = await t.get('/v1/items', { key: reader });
    expect(before.status).toBe(200);
    expect(before.body.data).toHaveLength(0);

    const feedBefore = await t.get(feedPath, { key: null });
    expect(feedBefore.status).toBe(200);

    const created = await t.post(
      '/v1/items',
      pledgeBody(sourceId, { title: 'Written while replay is paused' }),
      {
        key: writer,
      },
    );
    expect(created.status).toBe(201);
    const lsn = created.headers['x-pledgewatch-lsn'] as string;
    expect(lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);

    // The writer: the replica has not replayed its write, so after the wait it reads the primary.
    const own = await t.get('/v1/items', { key: writer });
    expect(titles(own)).toEqual(['Written while replay is paused']);
    expect((await t.get('/v1/stats/status', { key: writer })).body.total).toBe(1);

    // Another key reads the replica: not there yet, and its tag still names what it holds.
    const other = await t.get('/v1/items', { key: reader });
    expect(other.body.data).toHaveLength(0);
    expect(other.headers.etag).toBe(before.headers.etag);
    const again = await t.get('/v1/items', {
      key: reader,
      headers: { 'if-none-match': before.headers.etag as string },
    });
    expect(again.status).toBe(304);
    expect((await t.get('/v1/stats/status', { key: reader })).body.total).toBe(0);
    const exported = await t.get('/v1/items/export?format=ndjson', { key: reader });
    expect(exported.text.trim()).toBe('');

    // Feeds read the replica: the same document and tag as before the write.
    const feedAfter = await t.get(feedPath, { key: null });
    expect(feedAfter.text).not.toContain('Written while replay is paused');
    expect(feedAfter.headers.etag).toBe(feedBefore.headers.etag);

    // A client that brings the position back (through another replica of the service) reads its write too.
    const withHeader = await t.get('/v1/items', { key: reader, headers: { 'x-pledgewatch-min-lsn': lsn } });
    expect(titles(withHeader)).toEqual(['Written while replay is paused']);
  });

  it('should never take a list or its 304s back in time', async () => {
    const writer = t.keys.editor;
    const reader = t.keys.viewer;
    const own = await t.get('/v1/items', { key: writer });
    expect(own.body.data).toHaveLength(1);
    const newest = own.headers.etag as string;
    // The writer's tag names the primary's state: a 304 for it, never an older 200.
    expect((await t.get('/v1/items', { key: writer, headers: { 'if-none-match': newest } })).status).toBe(
      304,
    );
    const plain = await t.get('/v1/items', { key: writer });
    expect(plain.body.data).toHaveLength(1);
    expect(plain.headers.etag).toBe(newest);

    // Another key holding that newer tag (it read elsewhere) is not sent back to the replica's past.
    const holder = await t.get('/v1/items', { key: reader, headers: { 'if-none-match': newest } });
    expect(holder.status).toBe(304);
    // Not answered at the door (a URL not seen yet): the replica's counter is behind the tag, so the primary answers.
    const unseen = await t.get('/v1/items?limit=50', { key: reader, headers: { 'if-none-match': newest } });
    expect(unseen.status).toBe(304);
    // A tag it never sent: the replica's data and tag.
    const fresh = await t.get('/v1/items?limit=51', { key: reader });
    expect(fresh.body.data).toHaveLength(0);
    expect(fresh.headers.etag).not.toBe(newest);

    // The replica's tag is never newer than its data: its old tag does not match the primary's.
    const stale = await t.get('/v1/items', { key: reader });
    expect(stale.body.data).toHaveLength(0);
    expect(stale.headers.etag).not.toBe(newest);
  });

  it('should show the write to both keys once replay resumes', async () => {
    await queryOnce(pair.standbyUrl, 'SELECT pg_wal_replay_resume()');
    await waitForReplay(pair);
    const reader = await t.get('/v1/items', { key: t.keys.viewer });
    expect(titles(reader)).toEqual(['Written while replay is paused']);
    const writer = await t.get('/v1/items', { key: t.keys.editor });
    expect(titles(writer)).toEqual(['Written while replay is paused']);
    expect(reader.headers.etag).toBe(writer.headers.etag);
    expect((await t.get('/v1/stats/status', { key: t.keys.viewer })).body.total).toBe(1);
    expect((await t.get(feedPath, { key: null })).text).toContain('Written while replay is paused');
  });

  it('should read the primary when the replica goes away', async () => {
    await pair.stopStandby();
    const list = await t.get('/v1/items?limit=7', { key: t.keys.viewer });
    expect(list.status).toBe(200);
    expect(titles(list)).toEqual(['Written while replay is paused']);
    const stats = await t.get('/v1/stats/status?kind=commitment', { key: t.keys.viewer });
    expect(stats.status).toBe(200);
    const exported = await t.get('/v1/items/export?format=ndjson', { key: t.keys.viewer });
    expect(exported.text.trim().split('\n')).toHaveLength(1);
  });
});
