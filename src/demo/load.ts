import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ActorsRepository } from '../actors/actors.repository';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { Role } from '../auth/api-key.entity';
import { canonicalizeUrl } from '../sources/canonical-url';
import { SourcesRepository } from '../sources/sources.repository';
import {
  GLOBAL_FUND_SOURCE,
  LPM_RANGE_SOURCE,
  LPM_SOURCE,
  MONEY_ITEMS,
  RATES_FIXTURE,
} from './money-records';
import { NATO_ACTORS, NATO_ITEMS, NATO_SOURCE } from './nato-records';

export const NATO_FIXTURE = join(process.cwd(), 'test/fixtures/nato-ukraine-2024-06-13.fr.txt');

type Send = (method: 'POST' | 'PUT', url: string, payload: object | string, type?: string) => Promise<string>;

/**
 * Runs `load` with a key of its own that sends requests through the HTTP API itself (validation,
 * quote checks and all), so the demo cannot store what the API would refuse. The key is revoked
 * afterwards: the only key the demo hands out is the one it prints.
 */
async function withLoaderKey<T>(
  app: NestFastifyApplication,
  role: Role,
  load: (send: Send) => Promise<T>,
): Promise<T> {
  const keys = app.get(ApiKeysService);
  const { key, secret } = await keys.create(`demo loader (${role})`, role, 'demo', { orSuffixed: true });
  const send: Send = async (method, url, payload, type) => {
    const res = await app.inject({
      method,
      url,
      payload,
      headers: { authorization: `Bearer ${secret}`, ...(type ? { 'content-type': type } : {}) },
    });
    if (res.statusCode >= 300)
      throw new Error(`demo: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return res.json<{ id: string }>().id;
  };
  try {
    return await load(send);
  } finally {
    await keys.revoke(key.id, 'demo');
  }
}

/** Whether a source with this URL (canonicalised as the API does) is already stored. */
async function hasSource(app: NestFastifyApplication, url: string): Promise<boolean> {
  const canonical = canonicalizeUrl(url);
  if (canonical === null) return false;
  const db = app.get<DataSource>(getDataSourceToken());
  return (await app.get(SourcesRepository).findByCanonicalUrl(db.manager, canonical)) !== null;
}

/** The actor already known by this name (or alias), else a new one. */
async function actorId(
  app: NestFastifyApplication,
  send: Send,
  actor: { name: string } & Record<string, unknown>,
): Promise<string> {
  const db = app.get<DataSource>(getDataSourceToken());
  const [known] = await app.get(ActorsRepository).nameClash(db.manager, [actor.name]);
  return known?.actor_id ?? send('POST', '/v1/actors', actor);
}

/**
 * The NATO article of 13 June 2024, its actors and its six items. Returns the item count, or 0
 * when the article is already stored (from an earlier `npm run demo`); other records in the
 * database do not stop it, and actors it already holds are reused.
 */
export async function loadNatoRecords(
  app: NestFastifyApplication,
  text = readFileSync(NATO_FIXTURE, 'utf8'),
): Promise<number> {
  if (await hasSource(app, NATO_SOURCE.url)) return 0;
  return withLoaderKey(app, 'editor', async (send) => {
    const sourceId = await send('POST', '/v1/sources', { ...NATO_SOURCE, text });
    const actorIds: Record<string, string> = {};
    for (const [key, actor] of Object.entries(NATO_ACTORS)) actorIds[key] = await actorId(app, send, actor);
    for (const { actors, quote, ...item } of NATO_ITEMS)
      await send('POST', '/v1/items', {
        ...item,
        language: 'en',
        actors: actors.map(([key, role]) => ({ actorId: actorIds[key], role })),
        citations: [{ sourceId, role: 'origin', language: 'fr', quote }],
      });
    return NATO_ITEMS.length;
  });
}

/**
 * The budget-law, range and dollar-pledge records of money-records.ts and the ECB rates of
 * 19 June 2009. Returns the item count, or 0 when they are already there (the LPM source exists).
 */
export async function loadMoneyRecords(
  app: NestFastifyApplication,
  rates = readFileSync(join(process.cwd(), RATES_FIXTURE), 'utf8'),
): Promise<number> {
  if (await hasSource(app, LPM_SOURCE.url)) return 0;
  // Admin: the rates file (PUT /v1/fx-rates) needs it.
  return withLoaderKey(app, 'admin', async (send) => {
    const sources: Record<string, string> = {};
    for (const [key, source] of Object.entries({
      lpm: LPM_SOURCE,
      lpmRange: LPM_RANGE_SOURCE,
      globalFund: GLOBAL_FUND_SOURCE,
    }))
      sources[key] = await send('POST', '/v1/sources', source);
    const pledger = await actorId(app, send, { name: 'France', kind: 'country' });
    for (const { source, quote, ...item } of MONEY_ITEMS)
      await send('POST', '/v1/items', {
        ...item,
        language: 'en',
        actors: [{ actorId: pledger, role: 'pledger' }],
        citations: [
          {
            sourceId: sources[source],
            role: 'origin',
            language: source === 'globalFund' ? 'en' : 'fr',
            quote,
          },
        ],
      });
    await send('PUT', '/v1/fx-rates', rates, 'text/csv');
    return MONEY_ITEMS.length;
  });
}
