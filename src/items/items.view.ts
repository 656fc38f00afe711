import { EntityManager } from 'typeorm';
import { normalizeMoney } from '../common/money';
import { Citation } from './citation.entity';
import { Item } from './item.entity';

export interface ItemView {
  id: string;
  kind: string;
  title: string;
  statement: string;
  language: string;
  tags: string[];
  actors: { actorId: string; name: string; kind: string; role: string }[];
  amount: { value: string; currency: string; qualifier: string } | null;
  recurrence: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  dueAt: string | null;
  duePrecision: string;
  status: string;
  statusSince: Date;
  initialStatus: string;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  citations?: Omit<Citation, 'itemId'>[];
  latestProgress?: unknown;
  nextFollowUp?: unknown;
}

type Detail = { detail: boolean };

/**
 * Builds the API shape of many items with one query per related table (no N+1).
 * `detail` adds citations, latest progress and the next follow-up (GET /:id).
 */
export async function loadItemViews(
  m: EntityManager,
  items: Item[],
  { detail }: Detail,
): Promise<ItemView[]> {
  if (items.length === 0) return [];
  const ids = items.map((i) => i.id);
  const actors: { item_id: string; actor_id: string; name: string; kind: string; role: string }[] =
    await m.query(
      `SELECT ia.item_id, ia.actor_id, a.name, a.kind, ia.role FROM item_actors ia JOIN actors a ON a.id = ia.actor_id
     WHERE ia.item_id = ANY($1::uuid[]) ORDER BY ia.role, a.name`,
      [ids],
    );
  const byItem = groupBy(actors, (a) => a.item_id);
  const extras = detail ? await loadDetails(m, ids) : undefined;
  return items.map((item) => ({
    id: item.id,
    kind: item.kind,
    title: item.title,
    statement: item.statement,
    language: item.language,
    tags: item.tags,
    actors: (byItem.get(item.id) ?? []).map((a) => ({
      actorId: a.actor_id,
      name: a.name,
      kind: a.kind,
      role: a.role,
    })),
    amount:
      item.amountValue === null
        ? null
        : {
            value: normalizeMoney(item.amountValue),
            currency: item.amountCurrency!.trim(),
            qualifier: item.amountQualifier ?? 'exactly',
          },
    recurrence: item.recurrence,
    periodStart: item.periodStart,
    periodEnd: item.periodEnd,
    dueAt: item.dueAt,
    duePrecision: item.duePrecision,
    status: item.status,
    statusSince: item.statusSince,
    initialStatus: item.initialStatus,
    version: item.version,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    ...(extras
      ? {
          citations: (extras.citations.get(item.id) ?? []).map(({ itemId: _, ...c }) => c),
          latestProgress: extras.progress.get(item.id) ?? null,
          nextFollowUp: extras.followUps.get(item.id) ?? null,
        }
      : {}),
  }));
}

async function loadDetails(m: EntityManager, ids: string[]) {
  const citations = await m
    .getRepository(Citation)
    .createQueryBuilder('c')
    .where('c.item_id = ANY(:ids)', { ids })
    .orderBy('c.created_at')
    .addOrderBy('c.id')
    .getMany();
  const progress: {
    item_id: string;
    updateId: string;
    effectiveAt: Date;
    value: string | null;
    currency: string | null;
    period: string | null;
    percent: string | null;
  }[] = await m.query(
    `SELECT DISTINCT ON (item_id) item_id, id AS "updateId", effective_at AS "effectiveAt", delivered_value AS value,
            trim(delivered_currency) AS currency, progress_period AS period, progress_percent AS percent
     FROM updates WHERE item_id = ANY($1::uuid[]) AND retracted_at IS NULL AND (delivered_value IS NOT NULL OR progress_percent IS NOT NULL)
     ORDER BY item_id, effective_at DESC, recorded_at DESC, seq DESC`,
    [ids],
  );
  const followUps: {
    item_id: string;
    id: string;
    dueAt: Date;
    note: string;
    state: string;
    assignee: string | null;
  }[] = await m.query(
    `SELECT DISTINCT ON (item_id) item_id, id, due_at AS "dueAt", note, state, assignee
     FROM follow_ups WHERE item_id = ANY($1::uuid[]) AND state IN ('scheduled', 'notified') ORDER BY item_id, due_at, id`,
    [ids],
  );
  return {
    citations: groupBy(citations, (c) => c.itemId),
    progress: new Map(
      progress.map(({ item_id, value, currency, ...p }) => [
        item_id,
        { ...p, delivered: value === null ? null : { value: normalizeMoney(value), currency } },
      ]),
    ),
    followUps: new Map(followUps.map(({ item_id, ...f }) => [item_id, f])),
  };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}
