import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { NATO_ACTORS, NATO_ITEMS, NATO_SOURCE } from './nato-records';

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
  const [{ n }] = await app
    .get<DataSource>(getDataSourceToken())
    .query(`SELECT count(*)::int AS n FROM items`);
  if (n > 0) return 0;
  const { secret } = await app.get(ApiKeysService).create('demo loader', 'editor', 'demo');
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
