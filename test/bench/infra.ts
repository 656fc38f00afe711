import 'reflect-metadata';
import etag from '@fastify/etag';
import rateLimit, { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { isNumber } from 'class-validator';
import Decimal from 'decimal.js';
import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { existsSync } from 'node:fs';
import { decimalPlaces } from '../../src/common/decimals';
import { dividedBy, parseDecimal, plus, times, toCentsString, ZERO } from '../../src/common/decimal40';
import { SharedCounter } from '../../src/common/shared-counter';
import { createValidationPipe } from '../../src/common/validation';
import { loadConfig } from '../../src/config';
import { CreateItemDto } from '../../src/items/dto/item.dto';
import { jsonShapeProblem } from '../../src/security/json-body';
import { SharedBudgetStore } from '../../src/security/request-budget';
import { REDIS_SERVER, startRedis } from '../helpers/redis';

/**
 * `npm run bench:infra`: each piece of in-house infrastructure against the kept library that would
 * replace it, in one process, on the same input, alternating rounds (so both see the same load and
 * garbage collector), median of ROUNDS. Prints operations per second of each and their ratio
 * (in-house ÷ library: above 1, the in-house piece is faster). docs/performance.md quotes it.
 */
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const ROUND_MS = Number(process.env.ROUND_MS ?? 300);

type Op = () => unknown;

/** Operations per second of `op` (awaited when it returns a promise or a thenable) over `ms`. */
async function rate(op: Op, ms: number): Promise<number> {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 20; i++) {
      const r = op();
      // Fastify's inject answers a thenable, not a Promise.
      if (typeof (r as PromiseLike<unknown> | undefined)?.then === 'function') await r;
    }
    n += 20;
  }
  return n / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function compare(piece: string, what: string, ours: Op, theirs: Op): Promise<void> {
  const [a, b]: number[][] = [[], []];
  await rate(ours, 100);
  await rate(theirs, 100);
  for (let r = 0; r < ROUNDS; r++) {
    a.push(await rate(ours, ROUND_MS));
    b.push(await rate(theirs, ROUND_MS));
  }
  const [x, y] = [median(a), median(b)];
  const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(1));
  console.log(`| ${piece} | ${what} | ${fmt(x)} | ${fmt(y)} | ${(x / y).toFixed(2)} |`);
}

const inject =
  (app: FastifyInstance, headers: Record<string, string> = {}, payload?: string) =>
  () =>
    app.inject({ method: payload ? 'POST' : 'GET', url: '/x', headers, payload });

/** A list as the API answers it: 50 items of a few hundred bytes. */
const LIST = {
  data: Array.from({ length: 50 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    title: `Pledge ${i} of military aid per year`,
    status: 'in_progress',
    amount: { value: '40000000000', currency: 'EUR' },
    tags: ['military-aid', 'training'],
  })),
};

/**
 * The request budget is `@fastify/rate-limit` itself; what is left in-house is its store with
 * REDIS_URL (SharedBudgetStore over SharedCounter, which falls back to local counting), measured
 * against the plugin's own Redis store, both through the plugin.
 */
async function sharedCounter(): Promise<void> {
  if (!existsSync(REDIS_SERVER)) return console.log(`| shared counter | skipped: no ${REDIS_SERVER} | | | |`);
  const redis = await startRedis();
  try {
    const counter = new SharedCounter(loadConfig({ REDIS_URL: redis.url }));
    while (counter.mode !== 'shared') await new Promise((resolve) => setTimeout(resolve, 20));
    const client = new Redis(redis.url);
    const limited = async (store: { store: FastifyRateLimitStoreCtor } | { redis: Redis }) => {
      const app = Fastify();
      await app.register(rateLimit, {
        max: 1e9,
        timeWindow: 60_000,
        keyGenerator: (request) => String(request.headers.authorization),
        ...store,
      });
      app.get('/x', () => 'ok');
      return app;
    };
    const ours = await limited({ store: SharedBudgetStore.over(counter) });
    const theirs = await limited({ redis: client });
    const key = { authorization: 'Bearer pw_bench' };
    await compare(
      'shared counter (budget store)',
      'GET counted in Redis (inject)',
      inject(ours, key),
      inject(theirs, key),
    );
    await counter.onApplicationShutdown();
    await theirs.close();
    await client.quit();
  } finally {
    await redis.stop();
  }
}

async function door(): Promise<void> {
  // The door: the tag is known before the route runs, so a matching If-None-Match is a 304 at once.
  const ours = Fastify();
  ours.addHook('onRequest', async (request, reply) => {
    if (request.headers['if-none-match'] === '"c42"') return reply.code(304).header('ETag', '"c42"').send();
  });
  // @fastify/etag: the route builds its body (here without the SQL it would run), then it is hashed.
  const theirs = Fastify();
  await theirs.register(etag);
  for (const app of [ours, theirs])
    app.get('/x', (_request, reply) => reply.type('application/json').send(JSON.stringify(LIST)));
  const tag = (await theirs.inject({ url: '/x' })).headers.etag as string;
  await compare(
    'door (conditional GET)',
    '304 for a 50-item list',
    inject(ours, { 'if-none-match': '"c42"' }),
    inject(theirs, { 'if-none-match': tag }),
  );
}

async function jsonScanner(): Promise<void> {
  // Fastify's own parser is secure-json-parse: JSON.parse plus a prototype check, so a little slower.
  const item = JSON.stringify({ ...CREATE_ITEM, statement: 'x'.repeat(800) });
  await compare(
    'JSON scanner',
    'a 1 KB item body: scan + parse vs parse',
    () => jsonShapeProblem(item) ?? JSON.parse(item),
    () => JSON.parse(item),
  );
  const hostile = `[${Array(300_000).fill('{}').join(',')}]`;
  const walk = (v: unknown): number => (Array.isArray(v) ? v.reduce((n: number, x) => n + walk(x), 1) : 1); // the check after parsing
  await compare(
    'JSON scanner',
    '600 KB of `{},{}`: refused by the scan vs parse + count',
    () => jsonShapeProblem(hostile),
    () => walk(JSON.parse(hostile)) > 200_000,
  );
}

async function decimals(): Promise<void> {
  const amounts = Array.from({ length: 100 }, (_, i) => `${40_000_000_000 + i * 1_234_567}.${i % 100}`);
  const [rate1, rate2] = ['1.0823000000', '0.8561200000'];
  const ours = () => {
    let sum = ZERO;
    const [r1, r2] = [parseDecimal(rate1), parseDecimal(rate2)];
    for (const a of amounts) sum = plus(sum, dividedBy(times(parseDecimal(a), r2), r1));
    return toCentsString(sum);
  };
  const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
  const theirs = () => {
    let sum = new Money(0);
    for (const a of amounts) sum = sum.plus(new Money(a).times(rate2).dividedBy(rate1));
    return sum.toDecimalPlaces(2).toFixed();
  };
  if (ours() !== theirs()) throw new Error(`decimal40 ${ours()} ≠ decimal.js ${theirs()}`);
  await compare('decimal40', 'convert and add 100 amounts', ours, theirs);
  const values = [40, 12.5, 0.01, 1234.56, 99.999];
  await compare(
    'decimals (decimalPlaces)',
    'five numbers, at most 2 decimals',
    () => values.every((v) => decimalPlaces(v) <= 2),
    () => values.every((v) => isNumber(v, { maxDecimalPlaces: 2 })),
  );
}

const CREATE_ITEM = {
  kind: 'commitment',
  title: 'Allies provide Ukraine at least €40bn of military aid per year',
  statement: 'Allies provide Ukraine each year with military assistance worth at least EUR 40 billion.',
  language: 'en',
  tags: ['military-aid'],
  amount: { value: '40000000000', currency: 'EUR', qualifier: 'at_least' },
  recurrence: 'annual',
  citations: [
    { sourceId: '00000000-0000-4000-8000-000000000001', role: 'origin', language: 'fr', quote: 'au moins' },
  ],
};

async function validationPreflight(): Promise<void> {
  const metadata: ArgumentMetadata = { type: 'body', metatype: CreateItemDto };
  const ours = createValidationPipe();
  const theirs = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  await compare(
    'validation preflight',
    'a valid item body',
    () => ours.transform(CREATE_ITEM, metadata),
    () => theirs.transform(CREATE_ITEM, metadata),
  );
  const hostile = { ...CREATE_ITEM, citations: Array.from({ length: 5_000 }, () => ({})) };
  const refused = (pipe: ValidationPipe) => () => pipe.transform(hostile, metadata).catch(() => undefined);
  await compare('validation preflight', '5,000 empty citations (refused)', refused(ours), refused(theirs));
}

async function earlyAuth(): Promise<void> {
  // A request without a key and a 256 KB body: refused before the body (onRequest) or, as a Nest
  // guard would, after Fastify read and parsed it (preHandler).
  const refuse = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.headers.authorization) return reply.code(401).send();
  };
  const ours = Fastify({ bodyLimit: 4 * 1024 * 1024 });
  ours.addHook('onRequest', refuse);
  const theirs = Fastify({ bodyLimit: 4 * 1024 * 1024 });
  theirs.addHook('preHandler', refuse);
  for (const app of [ours, theirs]) app.post('/x', () => 'ok');
  const body = JSON.stringify({ text: 'x'.repeat(256 * 1024) });
  const json = { 'content-type': 'application/json' };
  await compare(
    'early auth',
    'POST of 256 KB without a key',
    inject(ours, json, body),
    inject(theirs, json, body),
  );
}

async function main(): Promise<void> {
  console.log(`${ROUNDS} rounds of ${ROUND_MS} ms each, median ops/s\n`);
  console.log('| piece | what | in-house ops/s | library ops/s | in-house ÷ library |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  await sharedCounter();
  await door();
  await jsonScanner();
  await decimals();
  await validationPreflight();
  await earlyAuth();
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
