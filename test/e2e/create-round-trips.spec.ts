import { TestApp } from '../helpers/app';
import { createActor, createItem, createSource, pledgeBody, startWithSource } from '../helpers/factories';
import { statementsOf as statementsSent } from '../helpers/statements';

/**
 * A create's cost is mostly its round trips (under load each one waits for a core): these specs
 * count the statements one POST /v1/items sends, so that a change that adds some is seen.
 */
describe('POST /v1/items round trips', () => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => ({ t, sourceId } = await startWithSource()));
  afterAll(async () => t.close());

  async function statementsOf(
    body: Record<string, unknown>,
  ): Promise<{ sql: string[]; item: { id: string } }> {
    const { sql, result } = await statementsSent(() => createItem(t, body), 3);
    return { sql, item: result as { id: string } };
  }

  beforeAll(async () => {
    // The key is looked up once, then cached: the counts below are the create's alone.
    await createItem(t, pledgeBody(sourceId, { title: 'Warm-up pledge' }));
  });

  it('should write an item without actors or due date in seven statements, three of them in its transaction', async () => {
    const { sql } = await statementsOf(
      pledgeBody(sourceId, { title: 'A pledge counted statement by statement' }),
    );
    expect(sql).toHaveLength(7);
    const begin = sql.indexOf('START TRANSACTION');
    expect(begin).toBe(2); // the source's text and the look-alikes come first, outside it
    expect(sql[sql.length - 1]).toBe('COMMIT');
  });

  it('should add only the actors check and the automatic follow-up with its audit entry when they apply', async () => {
    const actor = await createActor(t);
    const { sql, item } = await statementsOf(
      pledgeBody(sourceId, {
        title: 'A pledge with a pledger and a due date',
        actors: [{ actorId: actor.id, role: 'pledger' }],
        dueAt: '2030-12-31',
        duePrecision: 'year',
      }),
    );
    expect(sql).toHaveLength(10);
    const [followUp] = await t.db.query(`SELECT due_at, automatic FROM follow_ups WHERE item_id = $1`, [
      item.id,
    ]);
    expect(followUp).toEqual({ due_at: new Date('2030-12-31T23:59:59.999Z'), automatic: true });
  });

  it('should write the item, its actor, citation, audit entries, event and first status interval together', async () => {
    const actor = await createActor(t);
    const item = await createItem(
      t,
      pledgeBody(sourceId, {
        title: 'A pledge written in one statement',
        actors: [{ actorId: actor.id, role: 'pledger' }],
      }),
    );
    const [counts] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM item_actors WHERE item_id = $1) AS actors,
              (SELECT count(*)::int FROM citations WHERE item_id = $1 AND selectors IS NOT NULL) AS citations,
              (SELECT count(*)::int FROM audit_log WHERE entity_id = $1 AND action = 'create') AS audits,
              (SELECT count(*)::int FROM events WHERE type = 'item.created' AND data->>'itemId' = $1::text) AS events,
              (SELECT count(*)::int FROM status_periods WHERE item_id = $1 AND upper_inf(during)) AS periods,
              (SELECT origin_at IS NOT NULL FROM items WHERE id = $1) AS origin`,
      [item.id],
    );
    expect(counts).toEqual({ actors: 1, citations: 1, audits: 1, events: 1, periods: 1, origin: true });
  });

  it('should write the origin date with the item and bump the change counter once per create', async () => {
    const changes = async () => Number((await t.db.query(`SELECT sum(n) AS n FROM change_counters`))[0].n);
    const before = await changes();
    const item = await createItem(t, pledgeBody(sourceId, { title: 'A pledge counted as one change' }));
    expect(await changes()).toBe(before + 1);
    const [row] = await t.db.query(`SELECT origin_at FROM items WHERE id = $1`, [item.id]);
    expect(row.origin_at).toEqual(new Date('2024-06-13T18:00:00Z'));
  });

  it('should rewrite an item from its citations only when its origin date moves', async () => {
    const item = (await createItem(t, pledgeBody(sourceId, { title: 'A pledge cited again' }))) as {
      id: string;
    };
    const earlier = await createSource(t, { publishedAt: '2024-01-02T00:00:00Z' });
    const runner = t.db.createQueryRunner();
    const updated = async () =>
      Number(
        (await runner.query(`SELECT n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = 'items'`))[0]
          .n_tup_upd,
      );
    const cite = (source: string, role: string) =>
      runner.query(
        `INSERT INTO citations (item_id, source_id, role, quote, created_by) VALUES ($1, $2, $3, 'a quote', 'spec')`,
        [item.id, source, role],
      );
    await runner.startTransaction();
    try {
      await cite(sourceId, 'support');
      await cite(sourceId, 'origin'); // the same source: the date stays
      expect(await updated()).toBe(0);
      await cite(earlier.id, 'origin');
      expect(await updated()).toBe(1);
      const [row] = await runner.query(`SELECT origin_at FROM items WHERE id = $1`, [item.id]);
      expect(row.origin_at).toEqual(new Date('2024-01-02T00:00:00Z'));
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it("should bump the change counter in a free slot rather than wait for another transaction's", async () => {
    const [holder, writer] = [t.db.createQueryRunner(), t.db.createQueryRunner()];
    const total = async () => Number((await t.db.query(`SELECT sum(n) AS n FROM change_counters`))[0].n);
    const before = await total();
    try {
      await holder.startTransaction();
      await writer.startTransaction();
      const [{ pid }] = await writer.query(`SELECT pg_backend_pid() AS pid`);
      // Another transaction holds the writer's own slot until it ends.
      await holder.query(`SELECT n FROM change_counters WHERE slot = $1 % 16 FOR UPDATE`, [pid]);
      await writer.query(`SET LOCAL lock_timeout = '2s'`);
      await writer.query(`UPDATE items SET title = title WHERE false`); // a counted statement
      await writer.commitTransaction();
      await holder.rollbackTransaction();
    } finally {
      await Promise.all([holder.release(), writer.release()]);
    }
    expect(await total()).toBe(before + 1);
  });
});
