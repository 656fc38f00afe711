import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { STATUS_COUNTS_REBUILD } from '../../src/database/functions/status-counts';
import { STATUS_DAY_DELTAS_REBUILD } from '../../src/database/functions/status-deltas';
import { STAGE_LATEST_REBUILD } from '../../src/database/functions/money-ledger';
import { MONEY_TOTALS_BULK_REBUILD } from '../../src/database/functions/money-totals';
import { planMoney, planProgress, withCurrency } from './money-plan';
import { CLAIM_STATUSES, COMMITMENT_STATUSES } from '../../src/items/status-scales';

/**
 * Loads N items with realistic mixes straight through COPY: sources, actors, items (70 %
 * commitments, 30 % claims, English and French), actors per item, citations, ~10 timeline
 * updates per item with status changes and progress, status_periods consistent with the
 * updates, and follow-ups. Secondary indexes are dropped during the load and rebuilt after,
 * as any bulk load does; triggers are bypassed (session_replication_role) because the
 * generator writes the columns they maintain itself (and rebuilds the status counters and delivered figures after).
 */

const EN =
  `aid military training centre programme ukraine allies ammunition air defence budget production industry
  drones tanks artillery fund support pledge partnership security cooperation innovation roadmap logistics reform
  procurement standards energy grid reconstruction humanitarian medical demining border cyber naval exercise
  maintenance spare parts missiles radar satellite finance loan grant tranche delivery contract factory`.split(
    /\s+/,
  );
const FR =
  `aide militaire formation centre programme ukraine alliés munitions défense aérienne budget production industrie
  drones chars artillerie fonds soutien engagement partenariat sécurité coopération innovation feuille route logistique
  réforme achats normes énergie réseau reconstruction humanitaire médical déminage frontière naval exercice entraînement
  entretien pièces missiles radar satellite financement prêt subvention tranche livraison contrat usine milliards`.split(
    /\s+/,
  );
const TAGS = [
  'military-aid',
  'training',
  'air-defence',
  'energy',
  'finance',
  'reconstruction',
  'industry',
  'cyber',
  'humanitarian',
  'jatec',
];
const CURRENCIES = ['EUR', 'EUR', 'EUR', 'USD', 'USD', 'GBP'];
const RECURRENCES = [null, null, 'once', 'annual', 'quarterly', 'monthly'];
const QUALIFIERS = ['exactly', 'at_least', 'up_to', 'approximately'];
const ROLES = ['speaker', 'pledger', 'beneficiary', 'subject'];
const DAY = 86_400_000;
const START = Date.UTC(2020, 0, 1);
const NOW = Date.now();

/** mulberry32: the same data for the same seed, so runs are comparable. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)],
    chance: (p: number) => next() < p,
  };
}

/** COPY text format: NULL is \N; backslash, tab and newlines escaped. */
function cell(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.join(',')}}`;
  return String(value)
    .replace(/\\/g, '\\\\')
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

/** What COPY rows hold. */
type Cell = string | number | boolean | bigint | Date | readonly unknown[] | null | undefined;
type Row = Cell[];

/** Streams rows into one table through COPY, produced lazily in batches so memory stays flat. */
async function copy(
  client: Client,
  table: string,
  columns: string[],
  rows: () => Generator<Row>,
): Promise<number> {
  let count = 0;
  const source = Readable.from(
    (function* () {
      let chunk = '';
      for (const row of rows()) {
        chunk += `${row.map(cell).join('\t')}\n`;
        count++;
        if (chunk.length > 1 << 20) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    })(),
  );
  await pipeline(source, client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  return count;
}

/**
 * Real text has a long tail of words: a quarter of the words come from the domain lists above,
 * the rest from 20,000 pseudo-words drawn with Zipf frequencies, so full-text and trigram
 * queries see realistic selectivity instead of every title sharing every word.
 */
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ru',
  'te',
  'vo',
  'sa',
  'ne',
  'di',
  'po',
  'gra',
  'stel',
  'mon',
  'vik',
  'tar',
  'bel',
  'qui',
  'zen',
  'dor',
  'fal',
];
const TAIL = Array.from({ length: 20_000 }, (_, i) => {
  let word = '';
  for (let k = i + 1; k > 0; k = Math.floor(k / SYLLABLES.length)) word += SYLLABLES[k % SYLLABLES.length];
  return word;
});
const ZIPF = (() => {
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 1; k <= TAIL.length; k++) cumulative.push((sum += 1 / k));
  return cumulative.map((c) => c / sum);
})();
function tailWord(r: ReturnType<typeof prng>): string {
  const x = r.next();
  let lo = 0;
  let hi = ZIPF.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ZIPF[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return TAIL[lo];
}
const words = (r: ReturnType<typeof prng>, list: string[], n: number) =>
  Array.from({ length: n }, () => (r.chance(0.25) ? r.pick(list) : tailWord(r))).join(' ');

export interface GenerateResult {
  items: number;
  updates: number;
  rows: Record<string, number>;
  copySeconds: number;
  indexSeconds: number;
}

export async function generate(url: string, n: number, log: (line: string) => void): Promise<GenerateResult> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = [
      'items',
      'citations',
      'updates',
      'status_periods',
      'item_actors',
      'follow_ups',
      'actor_names',
      'sources',
    ];
    const indexes: { indexname: string; indexdef: string }[] = (
      await client.query(
        `SELECT i.indexname, i.indexdef FROM pg_indexes i
         WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
        [tables],
      )
    ).rows;
    for (const index of indexes) await client.query(`DROP INDEX ${index.indexname}`);
    await client.query(`SET session_replication_role = replica`);
    const started = Date.now();
    const rows = await load(client, n, log);
    const copySeconds = (Date.now() - started) / 1000;
    await client.query(`SET session_replication_role = DEFAULT`);
    const indexStarted = Date.now();
    await client.query(`SET maintenance_work_mem = '512MB'`);
    for (const index of indexes) await client.query(index.indexdef);
    await client.query(
      `SELECT setval(pg_get_serial_sequence('updates', 'seq'), (SELECT coalesce(max(seq), 1) FROM updates))`,
    );
    await client.query(STATUS_COUNTS_REBUILD);
    await client.query(STAGE_LATEST_REBUILD);
    await client.query(STATUS_DAY_DELTAS_REBUILD);
    const moneyStarted = Date.now();
    await client.query(MONEY_TOTALS_BULK_REBUILD);
    log(`  money totals rebuilt (${((Date.now() - moneyStarted) / 1000).toFixed(1)} s)`);
    await client.query(`VACUUM (ANALYZE)`);
    const indexSeconds = (Date.now() - indexStarted) / 1000;
    return { items: n, updates: rows.updates, rows, copySeconds, indexSeconds };
  } finally {
    await client.end();
  }
}

async function load(client: Client, n: number, log: (line: string) => void): Promise<Record<string, number>> {
  const r = prng(42);
  const sources = Array.from({ length: Math.max(10, Math.ceil(n / 50)) }, (_, i) => ({
    id: randomUUID(),
    lang: i % 3 === 0 ? 'fr' : 'en',
    at: new Date(START + r.int((NOW - START - 30 * DAY) / DAY) * DAY + 18 * 3600_000),
  }));
  const actors = Array.from({ length: 500 }, (_, i) => ({
    id: randomUUID(),
    name: `Actor ${i} ${r.pick(EN)}`,
  }));
  const counts: Record<string, number> = {};
  const t0 = Date.now();
  counts.sources = await copy(
    client,
    'sources',
    ['id', 'url', 'canonical_url', 'title', 'publisher', 'published_at', 'language', 'created_by'],
    function* () {
      for (const [i, s] of sources.entries()) {
        const url = `https://news${i % 40}.example.org/articles/${i}`;
        yield [
          s.id,
          url,
          url,
          words(r, s.lang === 'fr' ? FR : EN, 8),
          `Publisher ${i % 40}`,
          s.at,
          s.lang,
          'bench',
        ];
      }
    },
  );
  counts.actors = await copy(client, 'actors', ['id', 'name', 'kind', 'created_by'], function* () {
    for (const a of actors)
      yield [a.id, a.name, r.pick(['person', 'organization', 'country', 'group']), 'bench'];
  });
  await copy(client, 'actor_names', ['actor_id', 'name'], function* () {
    for (const a of actors) yield [a.id, a.name];
  });
  const hasInitialSince =
    (
      await client.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'initial_status_since'`,
      )
    ).rowCount === 1;
  // Items and their children are generated together, item by item, then copied table by table from the same seed.
  const itemColumns = [
    'id',
    'kind',
    'title',
    'statement',
    'language',
    'tags',
    'amount_value',
    'amount_currency',
    'amount_qualifier',
    'amount_value_max',
    'schedule',
    'target_value',
    'target_unit',
    'target_label',
    'recurrence',
    'period_start',
    'period_end',
    'due_at',
    'initial_status',
    'status',
    'status_since',
    'version',
    'created_by',
    'created_at',
    'updated_at',
    'last_activity_at',
    'origin_at',
    ...(hasInitialSince ? ['initial_status_since'] : []),
  ];
  const plan = planItems(
    n,
    sources,
    actors.map((a) => a.id),
  );
  counts.items = await copy(client, 'items', itemColumns, function* () {
    for (const it of plan()) {
      yield [
        it.id,
        it.kind,
        it.title,
        it.statement,
        it.lang,
        it.tags,
        it.amount,
        it.schedule ? null : it.currency,
        it.qualifier,
        it.valueMax,
        withCurrency(it.schedule, it.currency),
        it.target?.value,
        it.target?.unit,
        it.target?.label,
        it.recurrence,
        it.periodStart,
        it.periodEnd,
        it.dueAt,
        it.initial,
        it.status,
        it.statusSince,
        1 + it.updates.length,
        'bench',
        it.created,
        it.lastActivity,
        it.lastActivity,
        it.source.at,
        ...(hasInitialSince ? [it.source.at] : []),
      ];
    }
  });
  log(`  items copied (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  counts.item_actors = await copy(client, 'item_actors', ['item_id', 'actor_id', 'role'], function* () {
    for (const it of plan()) for (const [actor, role] of it.actors) yield [it.id, actor, role];
  });
  counts.citations = await copy(
    client,
    'citations',
    ['item_id', 'source_id', 'role', 'language', 'quote', 'created_by', 'created_at'],
    function* () {
      for (const it of plan()) {
        yield [it.id, it.source.id, 'origin', it.source.lang, it.quote, 'bench', it.created];
        if (it.support)
          yield [it.id, it.support.id, 'support', it.support.lang, it.quote, 'bench', it.created];
      }
    },
  );
  counts.updates = await copy(
    client,
    'updates',
    [
      'item_id',
      'seq',
      'status',
      'effective_at',
      'recorded_at',
      'recorded_by',
      'note',
      'delivered_value',
      'delivered_currency',
      'progress_period',
      'progress_stage',
      'achieved_value',
      'achieved_unit',
    ],
    function* () {
      let seq = 0;
      for (const it of plan())
        for (const u of it.updates)
          yield [
            it.id,
            ++seq,
            u.status,
            u.at,
            u.at,
            'bench',
            u.note,
            u.delivered,
            u.delivered ? it.currency : null,
            u.period,
            u.stage,
            u.achieved,
            u.achievedUnit,
          ];
    },
  );
  log(`  updates copied (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  counts.status_periods = await copy(
    client,
    'status_periods',
    ['item_id', 'status', 'during', 'item_created_at'],
    function* () {
      for (const it of plan())
        for (const p of it.periods)
          yield [it.id, p.status, `[${p.from.toISOString()},${p.to ? p.to.toISOString() : ''})`, it.created];
    },
  );
  counts.follow_ups = await copy(
    client,
    'follow_ups',
    ['item_id', 'due_at', 'note', 'state', 'created_by'],
    function* () {
      for (const it of plan())
        if (it.followUp) yield [it.id, it.followUp.at, 'check progress', it.followUp.state, 'bench'];
    },
  );
  return counts;
}

interface BenchSource {
  id: string;
  lang: string;
  at: Date;
}

/** A replayable plan: calling it again yields the very same items (same seed), so each table's COPY can stream it. */
function planItems(n: number, sources: BenchSource[], actorIds: string[]) {
  const ids = Array.from({ length: n }, () => randomUUID());
  return function* () {
    const r = prng(1234);
    const money = prng(5678);
    for (let i = 0; i < n; i++) yield planItem(r, money, ids[i], sources, actorIds);
  };
}

function planItem(
  r: ReturnType<typeof prng>,
  money: ReturnType<typeof prng>,
  id: string,
  sources: BenchSource[],
  actorIds: string[],
) {
  const kind = r.chance(0.7) ? 'commitment' : 'claim';
  const scale = kind === 'commitment' ? COMMITMENT_STATUSES : CLAIM_STATUSES;
  const lang = r.chance(0.3) ? 'fr' : 'en';
  const vocab = lang === 'fr' ? FR : EN;
  const source = r.pick(sources);
  const hasAmount = kind === 'commitment' && r.chance(0.5);
  const recurrence = hasAmount ? r.pick(RECURRENCES) : null;
  const initial = kind === 'commitment' ? 'proposed' : 'unverified';
  const updates: {
    status: string | null;
    at: Date;
    note: string;
    delivered: string | null;
    period: string | null;
  }[] = [];
  const periods: { status: string; from: Date; to: Date | null }[] = [
    { status: initial, from: source.at, to: null },
  ];
  let at = source.at.getTime();
  const span = Math.max(DAY, NOW - at);
  const updateCount = r.int(21);
  for (let u = 0; u < updateCount; u++) {
    at = Math.min(NOW - 1000, at + r.int(span / (updateCount + 1)) + 1000);
    const when = new Date(at);
    const status = r.chance(0.3) ? r.pick(scale) : null;
    const delivered = hasAmount && !status && r.chance(0.3) ? String(1000 * (1 + r.int(100000))) : null;
    const year = when.getUTCFullYear();
    const period = delivered
      ? ({
          annual: `${year}`,
          quarterly: `${year}-Q${1 + Math.floor(when.getUTCMonth() / 3)}`,
          monthly: `${year}-${String(when.getUTCMonth() + 1).padStart(2, '0')}`,
        }[recurrence ?? ''] ?? null)
      : null;
    updates.push({ status, at: when, note: words(r, vocab, 10), delivered, period });
    if (status && status !== periods[periods.length - 1].status && when > periods[periods.length - 1].from) {
      periods[periods.length - 1].to = when;
      periods.push({ status, from: when, to: null });
    }
  }
  const last = periods[periods.length - 1];
  const created = new Date(source.at.getTime() + r.int(3 * DAY));
  const actors = new Map<string, string>();
  for (let a = 0, k = 1 + r.int(3); a < k; a++) actors.set(r.pick(actorIds), r.pick(ROLES));
  const item = {
    id,
    kind,
    lang,
    source,
    created,
    title: words(r, vocab, 6),
    statement: words(r, vocab, 16),
    quote: words(r, source.lang === 'fr' ? FR : EN, 12),
    support: r.chance(0.2) ? r.pick(sources) : null,
    tags: Array.from(new Set([r.pick(TAGS), ...(r.chance(0.5) ? [r.pick(TAGS)] : [])])),
    amount: hasAmount ? String(1_000_000 * (1 + r.int(50_000))) : null,
    currency: hasAmount ? r.pick(CURRENCIES) : null,
    qualifier: hasAmount ? r.pick(QUALIFIERS) : null,
    recurrence,
    periodStart:
      recurrence && recurrence !== 'once' && r.chance(0.5) ? source.at.toISOString().slice(0, 10) : null,
    dueAt:
      kind === 'commitment' && r.chance(0.4)
        ? new Date(START + r.int(3000) * DAY).toISOString().slice(0, 10)
        : null,
    initial,
    status: last.status,
    statusSince: last.from,
    lastActivity: updates.length ? updates[updates.length - 1].at : source.at,
    actors: [...actors.entries()],
    updates,
    periods,
    followUp: r.chance(0.3)
      ? {
          at: new Date(NOW + (r.int(120) - 60) * DAY),
          state: r.pick(['scheduled', 'scheduled', 'notified', 'done', 'cancelled']),
        }
      : null,
  };
  const planned = planMoney(money, { ...item, commitment: kind === 'commitment', start: source.at });
  return {
    ...item,
    ...planned,
    updates: updates.map((u) => ({
      ...u,
      ...planProgress(money, { delivered: u.delivered, statusless: !u.status }, planned.target),
    })),
  };
}
