import { normalizeMoney } from '../common/money';
import { Citation } from './citation.entity';
import { Item } from './item.entity';
import { ETAG_STAMP } from './item-etag';
import type { AmountInput, ScheduleEntry } from './money-rules';
import type { ActorKind } from '../actors/actor-kinds';
import type { AchievedRow, ActorRow, FollowUpRow, ItemDetailRow, ProgressRow } from './item-detail.query';
import type { DuePrecision } from './due-window';
import type { ActorRole, ItemKind, ItemStatus, Recurrence, TargetUnit } from './status-scales';

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
  /** GET /:id's ETag stamp (item-etag.ts); a symbol key, never in the JSON body. */
  [ETAG_STAMP]?: string | null;
  /** GET /:id: a recheck found a cited passage gone from its source's live page. */
  sourceChanged?: boolean;
}

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

/** The list shape of many items, given all their actors (one query for all: no N+1). */
export function itemViews(items: Item[], actors: ActorRow[]): ItemView[] {
  const byItem = groupBy(actors, (a) => a.item_id);
  return items.map((item) => toView(item, byItem.get(item.id) ?? []));
}

/** GET /:id's shape from the item detail statement's row (instants parsed from their ISO text). */
export function itemDetailView(row: ItemDetailRow): ItemView {
  const { actors, citations, progress, achieved, followUp, etagStamp, sourceChanged, ...item } = row;
  const view = toView(item, actors, {
    citations: citations.map((c) => ({ ...c, createdAt: new Date(c.createdAt) })),
    progress: progress && { ...progress, effectiveAt: new Date(progress.effectiveAt) },
    achieved: achieved && { ...achieved, effectiveAt: new Date(achieved.effectiveAt) },
    followUp: followUp && { ...followUp, dueAt: new Date(followUp.dueAt) },
  });
  return { ...view, sourceChanged, [ETAG_STAMP]: etagStamp };
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
