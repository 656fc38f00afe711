import { isoUtc } from '../database/sql';
import type { ActorKind } from '../actors/actor-kinds';
import type { Citation } from './citation.entity';
import type { Item } from './item.entity';
import type { ActorRole, ProgressStage, TargetUnit } from './status-scales';

/*
 * Statement builders for ItemsRepository (items.repository.ts runs them; the bench prints their
 * plans). They build SQL text and run nothing.
 */

/** The columns of an item under the names of the entity, dates as `YYYY-MM-DD` text. */
export const ITEM_COLUMNS = `i.id, i.kind, i.title, i.statement, i.language, i.tags, i.amount_value AS "amountValue",
  i.amount_currency AS "amountCurrency", i.amount_qualifier AS "amountQualifier", i.amount_value_max AS "amountValueMax", i.schedule,
  i.target_value AS "targetValue", i.target_unit AS "targetUnit", i.target_label AS "targetLabel", i.recurrence,
  i.period_start::text AS "periodStart", i.period_end::text AS "periodEnd", i.due_at::text AS "dueAt",
  i.due_precision AS "duePrecision", i.initial_status AS "initialStatus", i.status, i.status_since AS "statusSince",
  i.version, i.merged_into_id AS "mergedIntoId", i.created_by AS "createdBy", i.created_at AS "createdAt", i.updated_at AS "updatedAt"`;

export type ActorRow = { item_id: string; actor_id: string; name: string; kind: ActorKind; role: ActorRole };
export type ProgressRow = {
  updateId: string;
  effectiveAt: Date;
  value: string | null;
  currency: string | null;
  period: string | null;
  /** A share, a JSON number like everywhere else (numeric(5,2) in the table). */
  percent: number | null;
  stage: ProgressStage;
};
export type AchievedRow = { value: string; unit: TargetUnit; effectiveAt: Date; updateId: string };
export type FollowUpRow = { id: string; dueAt: Date; note: string; state: string; assignee: string | null };

/**
 * $1 the item id: what the item's representation shows besides its own row and changes without a
 * version bump — the names of its actors and its follow-ups — as one number (the latest
 * `updated_at` in microseconds; null when it has neither). Citations, updates and merges bump
 * the version. Two primary-key and index probes: the conditional GET stays one cheap statement.
 */
const ETAG_STAMP = `(extract(epoch FROM greatest(
    (SELECT max(a.updated_at) FROM item_actors ia JOIN actors a ON a.id = ia.actor_id WHERE ia.item_id = i.id),
    (SELECT max(f.updated_at) FROM follow_ups f WHERE f.item_id = i.id))) * 1000000)::bigint::text`;

/** The item's version and ETag stamp when it is live (not merged, not discarded). */
export const LIVE_TAG_SQL = `SELECT i.version, ${ETAG_STAMP} AS stamp FROM items i WHERE i.id = $1 AND i.merged_into_id IS NULL`;

/** A row of the item detail statement: the item, its details as JSON (instants as ISO text). */
export type ItemDetailRow = Item & {
  etagStamp: string | null;
  actors: ActorRow[];
  citations: (Omit<Citation, 'itemId' | 'createdAt'> & { createdAt: string })[];
  sourceChanged: boolean;
  progress: (Omit<ProgressRow, 'effectiveAt'> & { effectiveAt: string }) | null;
  achieved: (Omit<AchievedRow, 'effectiveAt'> & { effectiveAt: string }) | null;
  followUp: (Omit<FollowUpRow, 'dueAt'> & { dueAt: string }) | null;
};

export const ACTORS_OF = `SELECT ia.item_id, ia.actor_id, a.name, a.kind, ia.role FROM item_actors ia JOIN actors a ON a.id = ia.actor_id`;
export const ACTORS_ORDER = 'ORDER BY ia.role, a.name';

/**
 * $1 the item id: the item row with its details as JSON sub-selects. With `asOf`, $2 is an instant
 * and progress and achieved are the latest effective by then (the no-asOf statement stays as it was).
 */
function itemDetailSql(asOf: boolean): string {
  const by = asOf ? ' AND u.effective_at <= $2::timestamptz' : '';
  return `SELECT ${ITEM_COLUMNS}, i.discarded_at AS "discardedAt", i.discarded_by AS "discardedBy",
  ${ETAG_STAMP} AS "etagStamp",
  (SELECT coalesce(json_agg(a), '[]') FROM (${ACTORS_OF} WHERE ia.item_id = i.id ${ACTORS_ORDER}) a) AS actors,
  (SELECT coalesce(json_agg(c), '[]') FROM (
     SELECT c.id, c.source_id AS "sourceId", c.role, c.language, c.quote, c.translation, c.selectors,
            (c.selectors->>'page')::int AS page, c.still_present AS "stillPresent",
            c.created_by AS "createdBy", ${isoUtc('c.created_at')} AS "createdAt"
     FROM citations c WHERE c.item_id = i.id ORDER BY c.created_at, c.id) c) AS citations,
  EXISTS (SELECT 1 FROM citations c WHERE c.item_id = i.id AND c.still_present = false) AS "sourceChanged",
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
export const ITEM_DETAIL_AS_OF_SQL = itemDetailSql(true);
