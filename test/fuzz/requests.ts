import fc from 'fast-check';
import { PLEDGE_QUOTE, pledgeBody } from '../helpers/factories';
import { Operation, Parameter, Schema } from './openapi';
import { EXPONENTS, exponentsEverywhere, fxCsv, taint, taintedOne } from './shapes';
import { hostileString, hostileValue, Json, objectOf, toJson } from './values';

/** Ids that exist, by table, so that generated requests reach past the 404s. */
export type IdPool = Record<string, string[]>;

export interface FuzzRequest {
  /** The operation, e.g. `GET /v1/items/{id}`. */
  operation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

let serial = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${++serial}`;

/** Which table a path parameter or an id-valued field points into. */
function tableFor(name: string, path: string): string | undefined {
  const named: Record<string, string> = {
    sourceId: 'sources',
    actorId: 'actors',
    itemId: 'items',
    intoId: 'items',
    updateId: 'updates',
    webhookId: 'webhooks',
  };
  if (named[name]) return named[name];
  const segment = /\/([a-z-]+)\/\{id\}/.exec(path)?.[1];
  return segment ? segment.replace(/-/g, '_') : undefined;
}

const uuid = fc.uuid();

/** `arb` one time in `oneIn`, undefined otherwise. */
const sometimes = <T>(arb: fc.Arbitrary<T>, oneIn: number) =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

function idArb(pool: IdPool, table: string | undefined): fc.Arbitrary<string> {
  const known = table ? (pool[table] ?? []) : [];
  return known.length > 0
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: uuid })
    : uuid;
}

/** A plausible value for a field, by its name first (the schemas carry few formats), then by its type. */
function plausible(name: string, schema: Schema, path: string, pool: IdPool): fc.Arbitrary<Json> {
  if (schema.enum?.length) return fc.constantFrom(...(schema.enum as Json[]));
  if (/Id$/.test(name)) return idArb(pool, tableFor(name, path));
  const byName: Record<string, () => fc.Arbitrary<Json>> = {
    url: () =>
      fc.constant(
        path.includes('webhooks') ? 'http://127.0.0.1:9/hook' : `https://example.org/fuzz/${unique()}`,
      ),
    name: () => fc.constant(`Fuzz ${unique()}`),
    language: () => fc.constantFrom('fr', 'en'),
    currency: () => fc.constantFrom('EUR', 'USD'),
    value: () => fc.constantFrom('1000', '40000000000', '0.50'),
    quote: () => fc.constant(PLEDGE_QUOTE),
    period: () => fc.constant('2024'),
    percent: () => fc.integer({ min: 0, max: 100 }),
    events: () => fc.constant(['item.created']),
    repeatEvery: () => fc.constant('P3M'),
    tags: () => fc.constant(['fuzz']),
    aliases: () => fc.constant([`Alias ${unique()}`]),
  };
  if (byName[name]) return byName[name]();
  if (/At$|^until$|^from$|^to$|^asOf$/.test(name))
    return fc.constantFrom('2024-06-13T18:00:00Z', '2030-01-01T00:00:00Z');
  if (/^(due|period)/.test(name) || /Before$|After$/.test(name))
    return fc.constantFrom('2024-12-31', '2030-01-01');
  if (schema.type === 'array')
    return schema.items
      ? fc.array(plausible(name, schema.items, path, pool), { minLength: 1, maxLength: 2 })
      : fc.constant([]);
  if (schema.properties) return plausibleObject(schema, path, pool);
  if (schema.type === 'number' || schema.type === 'integer') return fc.integer({ min: 1, max: 100 });
  if (schema.type === 'boolean') return fc.boolean();
  return fc.constantFrom('Fuzzed text', 'Les ministres de la Défense', 'x');
}

function plausibleObject(schema: Schema, path: string, pool: IdPool): fc.Arbitrary<Json> {
  const entries = Object.entries(schema.properties ?? {}).map(([k, s]) => {
    const value = plausible(k, s, path, pool);
    return (schema.required ?? []).includes(k)
      ? value.map((v): [string, Json][] => [[k, v]])
      : fc.option(value, { nil: undefined }).map((v): [string, Json][] => (v === undefined ? [] : [[k, v]]));
  });
  return fc.tuple(...entries).map((parts) => objectOf(parts.flat()));
}

/** Valid-looking, then one field (possibly nested, possibly unknown) broken, or anything at all. */
/**
 * Known-good bodies for schemas whose rules span fields (an item needs an origin citation whose
 * quote is in the source, a status of its kind's scale): field-by-field guessing rarely gets there.
 */
const EXAMPLES: Record<string, (pool: IdPool) => Json> = {
  CreateItemDto: (pool) => ({
    ...pledgeBody(pool.sources?.[0] ?? '', { title: `Fuzzed pledge ${unique()}` }),
  }),
  UpdateItemDto: () => ({ title: `Retitled ${unique()}`, tags: ['fuzz'] }),
  CreateFeedDto: () => ({ kind: 'follow-ups', assignee: 'desk-ukraine', tag: 'fuzz' }),
  CreateFollowUpDto: () => ({ dueAt: '2030-01-01T00:00:00Z', note: 'Ask again', assignee: 'desk-ukraine' }),
  CreateUpdateDto: () => ({
    status: 'in_progress',
    note: 'Work started',
    effectiveAt: '2024-07-01T00:00:00Z',
    progress: { delivered: { value: '1000', currency: 'EUR' }, period: '2024', percent: 50 },
  }),
};

function bodyArb(schema: Schema, path: string, pool: IdPool, name?: string): fc.Arbitrary<Json> {
  const example = name ? EXAMPLES[name] : undefined;
  const guessed = plausibleObject(schema, path, pool);
  const valid = example
    ? fc.oneof(guessed, { weight: 2, arbitrary: fc.constant(null).map(() => example(pool)) })
    : guessed;
  const nearlyValid = fc
    .tuple(
      valid,
      fc.oneof(
        fc.constantFrom(...Object.keys(schema.properties ?? {}), 'unknownField', '__proto__', 'constructor'),
        fc.string({ maxLength: 10 }),
      ),
      hostileValue,
    )
    .map(([body, key, bad]) =>
      objectOf([...Object.entries(body as Record<string, Json>).filter(([k]) => k !== key), [key, bad]]),
    );
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 5, arbitrary: nearlyValid },
    { weight: 2, arbitrary: hostileValue },
    { weight: 5, arbitrary: taintedOne(valid) },
    { weight: 3, arbitrary: exponentsEverywhere(valid) },
  );
}

function paramArb(p: Parameter, op: Operation, pool: IdPool): fc.Arbitrary<string | undefined> {
  const good = plausible(p.name, p.schema ?? {}, op.path, pool).map((v) =>
    typeof v === 'string' ? v : toJson(v),
  );
  const bad = fc.oneof(
    hostileString,
    hostileValue.map(toJson),
    ...(p.in === 'path' ? [fc.constantFrom(...RAW_SEGMENTS)] : []),
  );
  const numeric = p.schema?.type === 'integer' || p.schema?.type === 'number';
  const shaped = numeric ? fc.constantFrom(...EXPONENTS) : fc.tuple(good, taint).map(([v, t]) => v + t);
  const value = fc.oneof(
    { weight: 3, arbitrary: good },
    { weight: 2, arbitrary: bad },
    { weight: 1, arbitrary: shaped },
  );
  return p.in === 'path' || p.required ? value : sometimes(value, 2);
}

/** Path segments sent without encoding: broken percent-escapes and overlong UTF-8. */
const RAW_SEGMENTS = ['%', '%zz', '%C0%80', '%ED%A0%80', '..', '%2e%2e', '%00'];
const wellFormed = (s: string) =>
  s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const keyArb = fc.constantFrom<keyof KeySet | 'none' | 'garbage'>(
  ...Array<'admin'>(12).fill('admin'),
  'editor',
  'editor',
  'viewer',
  'none',
  'garbage',
);
export type KeySet = { admin: string; editor: string; viewer: string };

/** One request to `op`: parameters, body, headers and content type all fair game. */
export function requestArb(op: Operation, pool: IdPool, keys: KeySet): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters.filter((p) => p.in !== 'header');
  const extraQuery = sometimes(
    fc.tuple(fc.constantFrom('unknown', '__proto__', 'limit', 'cursor'), hostileString),
    10,
  );
  const ifMatch = sometimes(fc.oneof(fc.constantFrom('"1"', '"2"', '1', '*', 'W/"1"'), hostileString), 2);
  const body = op.body ? bodyArb(op.body, op.path, pool, op.bodyName) : sometimes(hostileValue, 4);
  const contentType = fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        'multipart/form-data',
      ),
    },
  );
  const idempotencyKey =
    op.method === 'POST'
      ? sometimes(fc.oneof(fc.constantFrom('fuzz-key-1', 'fuzz-key-2'), hostileString), 6)
      : fc.constant(undefined);
  const brokenJson = sometimes(
    fc.constantFrom(
      '{"a":',
      '{"a":1}}',
      "{'a':1}",
      '\u0000',
      '[1,]',
      '{"__proto__":{"x":1}}',
      '{"constructor":{"prototype":{}}}',
    ),
    20,
  );
  // Reference rates also come as CSV: repeated and broken currency columns, exponent rates.
  const csv = op.path === '/v1/fx-rates' ? sometimes(fxCsv, 2) : fc.constant(undefined);
  return fc
    .record({
      csv,
      values: fc.tuple(...params.map((p) => paramArb(p, op, pool))),
      extraQuery,
      ifMatch,
      idempotencyKey,
      body,
      contentType,
      brokenJson,
      key: keyArb,
    })
    .map(({ csv, values, extraQuery, ifMatch, idempotencyKey, body, contentType, brokenJson, key }) => {
      let url = op.path;
      const query = new URLSearchParams();
      params.forEach((p, i) => {
        const v = values[i];
        if (p.in === 'path')
          url = url.replace(
            `{${p.name}}`,
            RAW_SEGMENTS.includes(v as string) ? (v as string) : encodeURIComponent(wellFormed(v ?? '')),
          );
        else if (v !== undefined) query.append(p.name, v);
      });
      if (extraQuery) query.append(...extraQuery);
      const qs = query.toString();
      const headers: Record<string, string> = {};
      if (key === 'garbage') headers.authorization = 'Bearer not-a-key';
      else if (key !== 'none') headers.authorization = `Bearer ${keys[key]}`;
      const printable = (v: string) => v.replace(/[^\t\x20-\x7e]/g, '');
      if (ifMatch !== undefined) headers['if-match'] = printable(ifMatch);
      if (idempotencyKey !== undefined) headers['idempotency-key'] = printable(idempotencyKey);
      const text = csv ?? brokenJson ?? (body === undefined ? undefined : toJson(body));
      if (text !== undefined) headers['content-type'] = csv === undefined ? contentType : 'text/csv';
      return {
        operation: `${op.method} ${op.path}`,
        method: op.method,
        url: qs ? `${url}?${qs}` : url,
        headers,
        body: text,
      };
    });
}
