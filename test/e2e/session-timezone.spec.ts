import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Client } from 'pg';
import type PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config';
import { DatabaseListener } from '../../src/database/listener';
import { DeliveryQueue } from '../../src/webhooks/delivery-queue';
import { ADMIN_KEY } from '../helpers/app';
import { createTestDatabase } from '../helpers/database';
import { withClient } from '../schema/dump';

const showTimezone = async (query: (sql: string) => Promise<{ rows: { TimeZone: string }[] }>) =>
  (await query('SHOW timezone')).rows[0].TimeZone;

/** Every connection the service opens runs in UTC, whatever the database's default time zone. */
describe('database session time zone', () => {
  let app: NestFastifyApplication;
  let drop: () => Promise<void>;
  let url: string;

  beforeAll(async () => {
    const db = await createTestDatabase();
    ({ url, drop } = db);
    const name = new URL(url).pathname.slice(1);
    await withClient(process.env.PLEDGEWATCH_TEST_ADMIN_URL!, (c) =>
      c.query(`ALTER DATABASE ${name} SET timezone = 'Pacific/Auckland'`),
    );
    const config = loadConfig({ LOG_LEVEL: 'silent', ADMIN_API_KEY: ADMIN_KEY, SCHEDULER_ENABLED: 'true' });
    app = await createApp(config, url);
  });
  afterAll(async () => {
    await app?.close();
    await drop();
  });

  it("should leave a plain connection in the database's own time zone (so the next test can fail)", async () => {
    expect(await withClient(url, (c) => showTimezone((sql) => c.query(sql)))).toBe('Pacific/Auckland');
  });

  it('should run every pooled connection in UTC and read a bare date as midnight UTC', async () => {
    const db = app.get<DataSource>(getDataSourceToken());
    const rows = await Promise.all(
      Array.from({ length: 5 }, () =>
        db.query<{ tz: string; day: Date }[]>(
          `SELECT current_setting('TimeZone') AS tz, '2024-06-13'::timestamptz AS day, pg_sleep(0.05)`,
        ),
      ),
    );
    expect(rows.map(([r]) => r.tz)).toEqual(Array(5).fill('UTC'));
    expect(rows[0][0].day.toISOString()).toBe('2024-06-13T00:00:00.000Z');
  });

  it('should run the LISTEN connection and the delivery queue in UTC', async () => {
    // Their connections are private to them: reached here only to ask each its session's time zone.
    const listener = app.get<DatabaseListener, { client: Client }>(DatabaseListener);
    expect(await showTimezone((sql) => listener.client.query(sql))).toBe('UTC');
    const queue = app.get<DeliveryQueue, { boss: PgBoss }>(DeliveryQueue);
    const db = queue.boss.getDb() as { executeSql(sql: string): Promise<{ rows: { TimeZone: string }[] }> };
    expect(await showTimezone((sql) => db.executeSql(sql))).toBe('UTC');
  });
});
