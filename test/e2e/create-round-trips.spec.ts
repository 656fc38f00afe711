import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { TestApp } from '../helpers/app';
import { createActor, createItem, pledgeBody, startWithSource } from '../helpers/factories';

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
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      const item = (await createItem(t, body)) as { id: string };
      return { sql: spy.mock.calls.map(([sql]) => sql.trim().split(/\s+/).slice(0, 3).join(' ')), item };
    } finally {
      spy.mockRestore();
    }
  }

  beforeAll(async () => {
    // The key is looked up once, then cached: the counts below are the create's alone.
    await createItem(t, pledgeBody(sourceId, { title: 'Warm-up pledge' }));
  });

  it('should write an item without actors or due date in eight statements, four of them in its transaction', async () => {
    const { sql } = await statementsOf(
      pledgeBody(sourceId, { title: 'A pledge counted statement by statement' }),
    );
    expect(sql).toHaveLength(8);
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
    expect(sql).toHaveLength(11);
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
});
