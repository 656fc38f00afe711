import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../api-keys/api-keys.service';
import {
  GLOBAL_FUND_SOURCE,
  LPM_RANGE_SOURCE,
  LPM_SOURCE,
  MONEY_ITEMS,
  RATES_FIXTURE,
} from './money-records';
import { NATO_ACTORS, NATO_ITEMS, NATO_SOURCE } from './nato-records';
import { sqlRows } from '../common/sql';

export const NATO_FIXTURE = join(process.cwd(), 'test/fixtures/nato-ukraine-2024-06-13.fr.txt');

/**
 * Loads the article, its actors and its items through the HTTP API itself (validation, quote
 * checks and all), so the demo cannot store what the API would refuse. Returns the item count,
 * or 0 when the database already holds items.
 */
export async function loadNatoRecords(
  app: NestFastifyApplication,
  text = readFileSync(NATO_FIXTURE, 'utf8'),
): Promise<number> {
  const [{ n }] = await sqlRows<{ n: number }>(
    app.get<DataSource>(getDataSourceToken()),
    `SELECT count(*)::int AS n FROM items`,
  );
  if (n > 0) return 0;
  const { secret } = await app
    .get(ApiKeysService)
    .create('demo loader', 'editor', 'demo', { orSuffixed: true });
  const post = async (url: string, payload: object) => {
    const res = await app.inject({
      method: 'POST',
      url,
      payload,
      headers: { authorization: `Bearer ${secret}` },
    });
    if (res.statusCode !== 201) throw new Error(`demo: POST ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json<{ id: string }>();
  };
  const source = await post('/v1/sources', { ...NATO_SOURCE, text });
  const actorIds: Record<string, string> = {};
  for (const [key, actor] of Object.entries(NATO_ACTORS))
    actorIds[key] = (await post('/v1/actors', actor)).id;
  for (const item of NATO_ITEMS) {
    const { actors, quote, ...rest } = item;
    await post('/v1/items', {
      ...rest,
      language: 'en',
      actors: actors.map(([key, role]) => ({ actorId: actorIds[key], role })),
      citations: [{ sourceId: source.id, role: 'origin', language: 'fr', quote }],
    });
  }
  return NATO_ITEMS.length;
}

/**
 * The budget-law, range and dollar-pledge records of money-records.ts and the ECB rates of
 * 19 June 2009, through the HTTP API like the NATO records. Returns the item count, or 0 when
 * they are already there (the LPM source exists).
 */
export async function loadMoneyRecords(
  app: NestFastifyApplication,
  rates = readFileSync(join(process.cwd(), RATES_FIXTURE), 'utf8'),
): Promise<number> {
  const db = app.get<DataSource>(getDataSourceToken());
  const [{ n }]: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM sources WHERE url = $1`, [
    LPM_SOURCE.url,
  ]);
  if (n > 0) return 0;
  const { secret } = await app
    .get(ApiKeysService)
    .create('demo loader (money)', 'admin', 'demo', { orSuffixed: true });
  const send = async (method: 'POST' | 'PUT', url: string, payload: object | string, type?: string) => {
    const res = await app.inject({
      method,
      url,
      payload,
      headers: { authorization: `Bearer ${secret}`, ...(type ? { 'content-type': type } : {}) },
    });
    if (res.statusCode >= 300)
      throw new Error(`demo: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json<{ id: string }>();
  };
  const sources: Record<string, string> = {};
  for (const [key, source] of Object.entries({
    lpm: LPM_SOURCE,
    lpmRange: LPM_RANGE_SOURCE,
    globalFund: GLOBAL_FUND_SOURCE,
  }))
    sources[key] = (await send('POST', '/v1/sources', source)).id;
  const [france]: { id: string }[] = await db.query(
    `SELECT actor_id AS id FROM actor_names WHERE folded = pw_fold('France')`,
  );
  const pledger = france?.id ?? (await send('POST', '/v1/actors', { name: 'France', kind: 'country' })).id;
  for (const { source, quote, ...item } of MONEY_ITEMS) {
    await send('POST', '/v1/items', {
      ...item,
      language: 'en',
      actors: [{ actorId: pledger, role: 'pledger' }],
      citations: [
        { sourceId: sources[source], role: 'origin', language: source === 'globalFund' ? 'en' : 'fr', quote },
      ],
    });
  }
  await send('PUT', '/v1/fx-rates', rates, 'text/csv');
  return MONEY_ITEMS.length;
}
