import { EntityManager } from 'typeorm';
import { normalizeMoney } from '../common/money';
import { Citation } from './citation.entity';
import { Item } from './item.entity';
import type { AmountInput, ScheduleEntry } from './money-rules';
import { isoUtc } from '../common/sql';
import type { ActorKind } from '../actors/actor-kinds';
import type { DuePrecision } from './due-window';
import type { ActorRole, ItemKind, ItemStatus, ProgressStage, Recurrence, TargetUnit } from './status-scales';

/** The columns of an item under the names of the entity, dates as `YYYY-MM-DD` text. */
export const ITEM_COLUMNS = `i.id, i.kind, i.title, i.statement, i.language, i.tags, i.amount_value AS "amountValue",
  i.amount_currency AS "amountCurrency", i.amount_qualifier AS "amountQualifier", i.amount_value_max AS "amountValueMax", i.schedule,
  i.target_value AS "targetValue", i.target_unit AS "targetUnit", i.target_label AS "targetLabel", i.recurrence,
  i.period_start::text AS "periodStart", i.period_end::text AS "periodEnd", i.due_at::text AS "dueAt",
  i.due_precision AS "duePrecision", i.initial_status AS "initialStatus", i.status, i.status_since AS "statusSince",
  i.version, i.merged_into_id AS "mergedIntoId", i.created_by AS "createdBy", i.created_at AS "createdAt", i.updated_at AS "updatedAt"`;

export interface ItemView {
  id: string;
  kind: ItemKind;
  title: string;
  statement: string;
  language: string;
  tags: string[];
  actors: { actorId: string; name: string; kind: ActorKind; role: ActorRole }[];
  amount: AmountInput | null;
  schedule: ScheduleEntry[] | null;
  target: { value: string; unit: TargetUnit; label: string | null } | null;
  recurrence: Recurrence | null;
  periodStart: string | null;
  periodEnd: string | null;
  dueAt: string | null;
  duePrecision: DuePrecision;
  status: ItemStatus;
  statusSince: Date;
  /** Lists asked with `asOf`: the status at that time; null before the item's history starts. */
  statusAsOf?: ItemStatus | null;
  initialStatus: ItemStatus;
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  citations?: Omit<Citation, 'itemId'>[];
  latestProgress?: unknown;
  /** The latest non-retracted `achieved` figure, to read against `target`. */
  achieved?: AchievedRow | null;
  nextFollowUp?: unknown;
}

type ActorRow = { item_id: string; actor_id: string; name: string; kind: ActorKind; role: ActorRole };
type ProgressRow = {
  updateId: string;
  effectiveAt: Date;
  value: string | null;
  currency: string | null;
  period: string | null;
  /** A share, a JSON number like everywhere else (numeric(5,2) in the table). */
  percent: number | null;
  stage: ProgressStage;
};
type AchievedRow = { value: string; unit: TargetUnit; effectiveAt: Date; updateId: string };
type FollowUpRow = { id: string; dueAt: Date; note: string; state: string; assignee: string | null };
/** What GET /:id adds to a list entry. */
interface Details {
  citations: Omit<Citation, 'itemId'>[];
  progress: ProgressRow | null;
  achieved: AchievedRow | null;
  followUp: FollowUpRow | null;
}

/** The item's one amount as the API shows it; valueMax only on ranges. */
export function amountOf(item: Item): AmountInput | null {
  if (item.amountValue === null) return null;
  return {
    value: normalizeMoney(item.amountValue),
    currency: item.amountCurrency!.trim(),
    qualifier: item.amountQualifier ?? 'exactly',
    ...(item.amountValueMax === null ? {} : { valueMax: normalizeMoney(item.amountValueMax) }),
  };
}

const ACTORS_OF = `SELECT ia.item_id, ia.actor_id, a.name, a.kind, ia.role FROM item_actors ia JOIN actors a ON a.id = ia.actor_id`;
const ACTORS_ORDER = 'ORDER BY ia.role, a.name';

/** The list shape of many items: one query for all their actors (no N+1). */
export async function loadItemViews(m: EntityManager, items: Item[]): Promise<ItemView[]> {
  if (items.length === 0) return [];
  const ids = items.map((i) => i.id);
  const actors: ActorRow[] = await m.query(
    `${ACTORS_OF} WHERE ia.item_id = ANY($1::uuid[]) ${ACTORS_ORDER}`,
    [ids],
  );
  const byItem = groupBy(actors, (a) => a.item_id);
  return items.map((item) => toView(item, byItem.get(item.id) ?? []));
}

/**
 * $1 the item id: the item row with its details as JSON sub-selects. With `asOf`, $2 is an instant
 * and progress and achieved are the latest effective by then (the no-asOf statement stays as it was).
 */
function itemDetailSql(asOf: boolean): string {
  const by = asOf ? ' AND u.effective_at <= $2::timestamptz' : '';
  return `SELECT ${ITEM_COLUMNS},
  (SELECT coalesce(json_agg(a), '[]') FROM (${ACTORS_OF} WHERE ia.item_id = i.id ${ACTORS_ORDER}) a) AS actors,
  (SELECT coalesce(json_agg(c), '[]') FROM (
     SELECT c.id, c.source_id AS "sourceId", c.role, c.language, c.quote, c.translation, c.selectors,
            c.created_by AS "createdBy", ${isoUtc('c.created_at')} AS "createdAt"
     FROM citations c WHERE c.item_id = i.id ORDER BY c.created_at, c.id) c) AS citations,
  (SELECT row_to_json(p) FROM (
     SELECT u.id AS "updateId", ${isoUtc('u.effective_at')} AS "effectiveAt", u.delivered_value::text AS value,
            trim(u.delivered_currency) AS currency, u.progress_period AS period, u.progress_percent::float8 AS percent,
            u.progress_stage AS stage
     FROM updates u WHERE u.item_id = i.id AND u.retracted_at IS NULL${by}
       AND (u.delivered_value IS NOT NULL OR u.progress_percent IS NOT NULL)
     ORDER BY u.effective_at DESC, u.recorded_at DESC, u.seq DESC LIMIT 1) p) AS progress,
  (SELECT row_to_json(a) FROM (
     SELECT trim_scale(u.achieved_value)::text AS value, u.achieved_unit AS unit, ${isoUtc('u.effective_at')} AS "effectiveAt", u.id AS "updateId"
     FROM updates u WHERE i.target_value IS NOT NULL AND u.item_id = i.id AND u.retracted_at IS NULL AND u.achieved_value IS NOT NULL${by}
     ORDER BY u.effective_at DESC, u.recorded_at DESC, u.seq DESC LIMIT 1) a) AS achieved,
  (SELECT row_to_json(f) FROM (
     SELECT f.id, ${isoUtc('f.due_at')} AS "dueAt", f.note, f.state, f.assignee
     FROM follow_ups f WHERE f.item_id = i.id AND f.state IN ('scheduled', 'notified') ORDER BY f.due_at, f.id LIMIT 1) f) AS "followUp"
 FROM items i WHERE i.id = $1`;
}

/** GET /:id's one statement (also run by the bench's baseline). */
export const ITEM_DETAIL_SQL = itemDetailSql(false);
const ITEM_DETAIL_AS_OF_SQL = itemDetailSql(true);

/**
 * GET /:id in one round trip: the item row with its actors, citations, latest progress and
 * next follow-up as JSON sub-selects (numbers as text, so money stays exact). With `asOf`, the
 * latest progress and achieved figure are those effective by then. Null when the id is unknown;
 * merged items come back as they are, for the caller to redirect.
 */
export async function loadItemDetail(
  m: EntityManager,
  id: string,
  asOf?: Date,
): Promise<{ item: Item; view: ItemView } | null> {
  const [row]: (Item & {
    actors: ActorRow[];
    citations: (Omit<Citation, 'itemId' | 'createdAt'> & { createdAt: string })[];
    progress: (Omit<ProgressRow, 'effectiveAt'> & { effectiveAt: string }) | null;
    achieved: (Omit<AchievedRow, 'effectiveAt'> & { effectiveAt: string }) | null;
    followUp: (Omit<FollowUpRow, 'dueAt'> & { dueAt: string }) | null;
  })[] = asOf
    ? await m.query(ITEM_DETAIL_AS_OF_SQL, [id, asOf.toISOString()])
    : await m.query(ITEM_DETAIL_SQL, [id]);
  if (!row) return null;
  const { actors, citations, progress, achieved, followUp, ...item } = row;
  const view = toView(item, actors, {
    citations: citations.map((c) => ({ ...c, createdAt: new Date(c.createdAt) })),
    progress: progress && { ...progress, effectiveAt: new Date(progress.effectiveAt) },
    achieved: achieved && { ...achieved, effectiveAt: new Date(achieved.effectiveAt) },
    followUp: followUp && { ...followUp, dueAt: new Date(followUp.dueAt) },
  });
  return { item, view };
}

function toView(item: Item, actors: ActorRow[], details?: Details): ItemView {
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    statement: item.statement,
    language: item.language,
    tags: item.tags,
    actors: actors.map((a) => ({
      actorId: a.actor_id,
      name: a.name,
      kind: a.kind,
      role: a.role,
    })),
    amount: amountOf(item),
    schedule: item.schedule,
    target:
      item.targetValue === null
        ? null
        : { value: normalizeMoney(item.targetValue), unit: item.targetUnit!, label: item.targetLabel },
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
    ...(details
      ? {
          citations: details.citations,
          latestProgress: details.progress && progressView(details.progress),
          achieved: item.targetValue === null ? null : details.achieved,
          nextFollowUp: details.followUp,
        }
      : {}),
  };
}

function progressView({ value, currency, ...p }: ProgressRow) {
  return { ...p, delivered: value === null ? null : { value: normalizeMoney(value), currency } };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}
