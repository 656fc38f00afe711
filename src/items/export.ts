import { Readable, Transform } from 'node:stream';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource } from 'typeorm';
import { csvLine, UTF8_BOM } from './csv';
import { ItemFilterQuery } from './dto/list-items.query';
import { itemFilters, Params } from './items.query';
import type { ScheduleEntry } from './money-rules';

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `formulaGuard`: CSV cells starting with = + - @ (or tab, CR) get a leading `'`. */
export interface ExportOptions {
  format: ExportFormat;
  formulaGuard: boolean;
}

interface ExportRow {
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
  originUrl: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const EXPORT_COLUMNS = `i.id, i.kind, i.status, ${ISO('i.status_since')} AS "statusSince", i.title, i.statement, i.language, i.tags,
  trim_scale(i.amount_value)::text AS "amountValue", trim(i.amount_currency) AS "amountCurrency", i.amount_qualifier AS "amountQualifier",
  trim_scale(i.amount_value_max)::text AS "amountValueMax", i.schedule, trim_scale(i.target_value)::text AS "targetValue",
  i.target_unit AS "targetUnit", i.target_label AS "targetLabel", i.recurrence, i.period_start::text AS "periodStart", i.period_end::text AS "periodEnd", i.due_at::text AS "dueAt", i.due_precision AS "duePrecision",
  (SELECT coalesce(json_agg(json_build_object('actorId', a.id, 'name', a.name, 'role', ia.role) ORDER BY ia.role, a.name), '[]')
     FROM item_actors ia JOIN actors a ON a.id = ia.actor_id WHERE ia.item_id = i.id) AS actors,
  (SELECT s.url FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.item_id = i.id AND c.role = 'origin'
     ORDER BY c.created_at, c.id LIMIT 1) AS "originUrl",
  i.version, ${ISO('i.created_at')} AS "createdAt", ${ISO('i.updated_at')} AS "updatedAt"`;

const CSV_HEADER = [
  'id',
  'kind',
  'status',
  'statusSince',
  'title',
  'statement',
  'language',
  'tags',
  'amountValue',
  'amountCurrency',
  'amountQualifier',
  'amountValueMax',
  'schedule',
  'targetValue',
  'targetUnit',
  'targetLabel',
  'recurrence',
  'periodStart',
  'periodEnd',
  'dueAt',
  'duePrecision',
  'actors',
  'originUrl',
  'version',
  'createdAt',
  'updatedAt',
] as const;

/** Tags hold no ";" (refused at the API, a CHECK in the database), so the tags cell splits back on "; ". */
function toCsv(row: ExportRow, formulaGuard: boolean): string {
  const cells: Record<(typeof CSV_HEADER)[number], string | number | null> = {
    ...row,
    tags: row.tags.join('; '),
    schedule: row.schedule && row.schedule.map(scheduleCell).join('; '),
    actors: row.actors.map((a) => `${a.name} (${a.role})`).join('; '),
  };
  return csvLine(
    CSV_HEADER.map((column) => cells[column]),
    formulaGuard,
  );
}

/** "2025: 200–250 EUR": a period's amount, a range with an en dash. */
function scheduleCell({ period, amount }: ScheduleEntry): string {
  return `${period}: ${amount.value}${amount.valueMax ? `–${amount.valueMax}` : ''} ${amount.currency}`;
}

/** The same shapes as GET /v1/items/:id: amount (valueMax on ranges), schedule, target. */
function toNdjson({
  amountValue,
  amountCurrency,
  amountQualifier,
  amountValueMax,
  targetValue,
  targetUnit,
  targetLabel,
  ...row
}: ExportRow): string {
  const amount =
    amountValue === null
      ? null
      : {
          value: amountValue,
          currency: amountCurrency,
          qualifier: amountQualifier,
          ...(amountValueMax === null ? {} : { valueMax: amountValueMax }),
        };
  const target = targetValue === null ? null : { value: targetValue, unit: targetUnit, label: targetLabel };
  return `${JSON.stringify({ ...row, amount, target })}\n`;
}

/**
 * Every item matching the list filters, oldest first, read through a server-side cursor in
 * batches (pg-query-stream) and formatted row by row: memory stays flat whatever the size.
 * The connection goes back to the pool when the stream ends, fails or the client goes away; the
 * cursor runs in a read-only transaction that ends there too.
 */
export async function exportItems(
  db: DataSource,
  query: ItemFilterQuery,
  { format, formulaGuard }: ExportOptions,
): Promise<Readable> {
  const params = new Params();
  const sql = `SELECT ${EXPORT_COLUMNS} FROM items i WHERE ${itemFilters(query, params).join(' AND ')} ORDER BY i.created_at, i.id`;
  const runner = db.createQueryRunner('slave');
  await runner.connect();
  const client = (runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
  // The export is one long statement; the per-statement timeout guards interactive queries only.
  // In a transaction of its own, so the setting ends with it: behind a pooler in transaction mode a
  // session-level SET would stay on a server connection that other clients get next.
  await client.query(`BEGIN READ ONLY`);
  await client.query(`SET LOCAL statement_timeout = 0`);
  const rows = client.query(new QueryStream(sql, params.values, { batchSize: 500 }));
  const format1 = format === 'csv' ? (row: ExportRow) => toCsv(row, formulaGuard) : toNdjson;
  let first = true;
  const out = new Transform({
    writableObjectMode: true,
    transform(row: ExportRow, _encoding, done) {
      const prefix = first && format === 'csv' ? UTF8_BOM + csvLine([...CSV_HEADER]) : '';
      first = false;
      done(null, prefix + format1(row));
    },
    flush(done) {
      done(null, first && format === 'csv' ? UTF8_BOM + csvLine([...CSV_HEADER]) : '');
    },
  });
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    rows.destroy();
    void client
      .query(`ROLLBACK`)
      .catch(() => undefined)
      .finally(() => runner.release().catch(() => undefined));
  };
  rows.on('error', (error: Error) => {
    out.destroy(error);
    release();
  });
  out.on('close', () => release());
  out.on('end', () => release());
  return rows.pipe(out);
}
