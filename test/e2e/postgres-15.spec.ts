import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config';
import { runMigrations } from '../../src/database/data-source';
import { MIGRATIONS } from '../../src/database/migrations';
import { ADMIN_KEY, NATO_TEXT } from '../helpers/app';
import { DebianPostgres, hasDebianPostgres, startDebianPostgres } from '../helpers/debian-postgres';
import { pledgeBody } from '../helpers/factories';
import { declarationDrift } from '../schema/drift';
import { dumpSchema, firstDifference, withClient } from '../schema/dump';

/**
 * The service on the oldest PostgreSQL it supports (README: 15–18), besides the embedded 18 the
 * rest of the suite runs on: Debian's postgresql-15, which `.ci/run` installs.
 */
const available = hasDebianPostgres(15);
if (!available)
  console.warn(
    'PostgreSQL 15 specs skipped: /usr/lib/postgresql/15/bin/postgres is absent (apt-get install postgresql-15)',
  );

(available ? describe : describe.skip)('on PostgreSQL 15', () => {
  let pg: DebianPostgres;
  let app: NestFastifyApplication | undefined;
  beforeAll(async () => (pg = await startDebianPostgres(15)), 120_000);
  afterAll(async () => {
    await app?.close();
    await pg?.stop();
  });

  it('should run every migration and build the schema that schema.sql holds, functions as declared', async () => {
    const version = await withClient(pg.url, (c) =>
      c.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`),
    );
    expect(version.rows[0].v).toMatch(/^15/);
    expect(await runMigrations(pg.url)).toEqual(MIGRATIONS.map((m) => new m().name));
    const committed = readFileSync(join(__dirname, '../../schema.sql'), 'utf8');
    expect(firstDifference(committed, await dumpSchema(pg.url))).toBeNull();
    expect(await withClient(pg.url, declarationDrift)).toEqual([]);
  });

  it('should record a source and a pledge, the triggers keeping counts, day deltas, totals and activity', async () => {
    app = await createApp(
      loadConfig({ LOG_LEVEL: 'silent', ADMIN_API_KEY: ADMIN_KEY, SCHEDULER_ENABLED: 'false' }),
      pg.url,
    );
    const post = async (url: string, payload: object) => {
      const res = await app!.inject({
        method: 'POST',
        url,
        payload,
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string }>();
    };
    const source = await post('/v1/sources', {
      url: 'https://example.org/articles/nato-2024-06-13',
      title: 'Les ministres de la Défense de l’OTAN approuvent un nouveau plan',
      publishedAt: '2024-06-13T18:00:00Z',
      language: 'fr',
      text: NATO_TEXT,
    });
    const item = await post('/v1/items', pledgeBody(source.id, { recurrence: 'once' }));
    const stats = await app.inject({
      url: '/v1/stats/status?kind=commitment',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    expect(stats.json<{ byStatus: Record<string, number> }>().byStatus).toMatchObject({ proposed: 1 });
    const [kept] = await withClient(
      pg.url,
      async (c) =>
        (
          await c.query(
            `SELECT (SELECT sum(n)::int FROM item_status_counts) AS counted,
                              (SELECT sum(n)::int FROM status_day_deltas) AS deltas,
                              (SELECT sum(pledged)::text FROM amount_totals WHERE dim = 'all') AS pledged,
                              (SELECT origin_at IS NOT NULL AND last_activity_at IS NOT NULL FROM items WHERE id = $1) AS dated,
                              (SELECT sum(n)::int > 0 FROM change_counters) AS changed`,
            [item.id],
          )
        ).rows,
    );
    expect(kept).toEqual({ counted: 1, deltas: 1, pledged: '40000000000.00', dated: true, changed: true });
  });
});
