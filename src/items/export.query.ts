import type { ScheduleEntry } from './money-rules';

/** The export's statement builder, run by ItemListsRepository.exportCursor. */

export interface ExportCitation {
  sourceId: string;
  role: string;
  url: string;
  page: number | null;
}

export interface ExportRow {
  id: string;
  kind: string;
  status: string;
  statusSince: string;
  title: string;
  statement: string;
  language: string;
  tags: string[];
  amountValue: string | null;
  amountCurrency: string | null;
  amountQualifier: string | null;
  amountValueMax: string | null;
  schedule: ScheduleEntry[] | null;
  targetValue: string | null;
  targetUnit: string | null;
  targetLabel: string | null;
  recurrence: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  dueAt: string | null;
  duePrecision: string;
  actors: { actorId: string; name: string; role: string }[];
  /** Oldest first; `page` where the source's text has pages (a PDF), else null. */
  citations: ExportCitation[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
export const EXPORT_COLUMNS = `i.id, i.kind, i.status, ${ISO('i.status_since')} AS "statusSince", i.title, i.statement, i.language, i.tags,
  trim_scale(i.amount_value)::text AS "amountValue", trim(i.amount_currency) AS "amountCurrency", i.amount_qualifier AS "amountQualifier",
  trim_scale(i.amount_value_max)::text AS "amountValueMax", i.schedule, trim_scale(i.target_value)::text AS "targetValue",
  i.target_unit AS "targetUnit", i.target_label AS "targetLabel", i.recurrence, i.period_start::text AS "periodStart", i.period_end::text AS "periodEnd", i.due_at::text AS "dueAt", i.due_precision AS "duePrecision",
  (SELECT coalesce(json_agg(json_build_object('actorId', a.id, 'name', a.name, 'role', ia.role) ORDER BY ia.role, a.name), '[]')
     FROM item_actors ia JOIN actors a ON a.id = ia.actor_id WHERE ia.item_id = i.id) AS actors,
  (SELECT coalesce(json_agg(json_build_object('sourceId', c.source_id, 'role', c.role, 'url', s.url,
                                               'page', (c.selectors->>'page')::int) ORDER BY c.created_at, c.id), '[]')
     FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.item_id = i.id) AS citations,
  i.version, ${ISO('i.created_at')} AS "createdAt", ${ISO('i.updated_at')} AS "updatedAt"`;
