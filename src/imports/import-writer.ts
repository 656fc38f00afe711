import { Injectable } from '@nestjs/common';
import { ActorsRepository } from '../actors/actors.repository';
import { ActorsService } from '../actors/actors.service';
import { ProblemError } from '../common/problem';
import { ItemBatches } from '../items/item-batches';
import { ItemBatchUpdates } from '../items/item-batch-updates';
import type { CreateItemBody } from '../items/item-body';
import { ItemsService } from '../items/items.service';
import { TimelineService } from '../timeline/timeline.service';
import type { ImportMapping } from './columns';
import type { Planned } from './import-plan';
import { ImportsRepository } from './imports.repository';
import type { RowFields } from './row-map';
import { createBody, NOT_YET_CREATED, problemToRowError, updateBody } from './row-items';
import { idOf, RowSources } from './row-sources';

/** New rows written in one transaction (one statement per table, whatever the batch's size). */
export const WRITE_BATCH = 200;

/** One import's run: where rows are recorded, and the actors already found or created by name. */
interface Run {
  importId: string;
  scope: string;
  mapping: ImportMapping;
  fileName: string | null;
  by: string;
  actors: Map<string, string>;
}

/**
 * Writes planned rows. New rows go WRITE_BATCH at a time: their missing sources created in one
 * statement, then one transaction that takes the tracker's lock, looks their row keys up again,
 * writes the items that are still new (ItemBatches) and records the import rows. A batch refused
 * by a rule (a source whose text changed since the plan, an actor deleted meanwhile) is tried row
 * by row, so only the row at fault becomes an error. Changed rows go WRITE_BATCH at a time too
 * (ItemBatchUpdates: the PATCHes of the batch and their import rows in one transaction), refused
 * batches row by row; a row whose status changes is written alone, as a timeline update and a
 * PATCH (`updateRow`).
 */
@Injectable()
export class ImportWriter {
  constructor(
    private readonly imports: ImportsRepository,
    private readonly batches: ItemBatches,
    private readonly updates: ItemBatchUpdates,
    private readonly items: ItemsService,
    private readonly timeline: TimelineService,
    private readonly actors: ActorsService,
    private readonly actorNames: ActorsRepository,
    private readonly sources: RowSources,
  ) {}

  /** Every row as written (or left), in sheet order. */
  async write(run: Omit<Run, 'actors'>, planned: Planned[]): Promise<Planned[]> {
    const ctx: Run = { ...run, actors: new Map() };
    const creates = planned.filter((r) => r.outcome === 'create');
    const done = new Map(planned.filter((r) => r.outcome !== 'create').map((r) => [r.row, r]));
    for (let i = 0; i < creates.length; i += WRITE_BATCH)
      for (const row of await this.createRows(ctx, creates.slice(i, i + WRITE_BATCH))) done.set(row.row, row);
    const changed = planned
      .map((r) => done.get(r.row)!)
      .filter((r) => r.outcome === 'update' && !r.errors.length);
    const together = changed.filter((r) => !statusChanges(r));
    for (let i = 0; i < together.length; i += WRITE_BATCH)
      for (const row of await this.updateRows(ctx, together.slice(i, i + WRITE_BATCH)))
        done.set(row.row, row);
    for (const row of changed.filter(statusChanges)) done.set(row.row, await this.updateRow(ctx, row));
    return planned.map((r) => done.get(r.row)!);
  }

  /** A batch of new rows together; refused, each row alone (a refused row alone is that row's error). */
  private async createRows(ctx: Run, rows: Planned[]): Promise<Planned[]> {
    try {
      return await this.createTogether(ctx, rows);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      if (rows.length === 1) return [rowError(rows[0], error, ctx.mapping)];
      const out: Planned[] = [];
      for (const row of rows) out.push(...(await this.createRows(ctx, [row])));
      return out;
    }
  }

  /**
   * The rules and quotes are checked before anything is written (the batch's new sources and
   * actors stand in as NOT_YET_CREATED), so a refused row stores nothing. Under the tracker's lock, a row another
   * import made since the plan is that import's: the same values are `unchanged`, other values an
   * `update` (written after the batch).
   */
  private async createTogether(ctx: Run, rows: Planned[]): Promise<Planned[]> {
    const fields = rows.map((r) => r.fields!);
    const known = await this.sources.known(fields.map((f) => f.sourceUrl));
    const bodies = fields.map((f) => this.body(ctx, f, idOf(known.get(f.sourceUrl)) ?? NOT_YET_CREATED));
    const checked = await this.batches.check(bodies, NOT_YET_CREATED);
    await this.findActors(ctx, fields);
    const sources = await this.sources.resolve(fields, known, ctx.mapping, ctx.by);
    const items = checked.items.map((item, i) => ({
      ...item,
      dto: this.body(ctx, fields[i], sources.get(fields[i].sourceUrl)!),
    }));
    return this.imports.transaction(async (m) => {
      await this.imports.lockScope(m, ctx.scope);
      const taken = new Map(
        (
          await this.imports.prior(
            m,
            ctx.scope,
            rows.map((r) => r.key),
          )
        ).map((p) => [p.row_key, p]),
      );
      const fresh = rows.flatMap((row, i) => (taken.has(row.key) ? [] : [{ row, item: items[i] }]));
      const ids = await this.batches.write(m, { ...checked, items: fresh.map((f) => f.item) }, ctx.by);
      const created = fresh.map(({ row }, i): Planned => ({ ...row, itemId: ids[i] }));
      await this.imports.insertRows(m, ctx.importId, ctx.scope, created);
      const theirs = rows.flatMap((row): Planned[] => {
        const p = taken.get(row.key);
        if (!p) return [];
        return p.row_hash === row.hash
          ? [{ ...row, outcome: 'unchanged', itemId: p.item_id }]
          : [{ ...row, outcome: 'update', itemId: p.item_id, version: p.version, status: p.status }];
      });
      return [...created, ...theirs];
    });
  }

  /** Changed rows together (ItemBatchUpdates); refused, each row alone (as `updateRow` writes it). */
  private async updateRows(ctx: Run, rows: Planned[]): Promise<Planned[]> {
    try {
      const fields = rows.map((r) => r.fields!);
      await this.findActors(ctx, fields);
      const known = await this.sources.known(fields.map((f) => f.sourceUrl));
      const sources = await this.sources.resolve(fields, known, ctx.mapping, ctx.by);
      await this.imports.transaction(async (m) => {
        await this.updates.update(
          m,
          rows.map((row, i) => ({
            id: row.itemId!,
            version: row.version!,
            dto: updateBody(this.body(ctx, fields[i], sources.get(fields[i].sourceUrl)!)),
          })),
          ctx.by,
        );
        await this.imports.insertRows(m, ctx.importId, ctx.scope, rows);
      });
      return rows;
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      const out: Planned[] = [];
      for (const row of rows) out.push(await this.updateRow(ctx, row));
      return out;
    }
  }

  /** The rows' actors by name, found or created once per import. */
  private async findActors(ctx: Run, fields: RowFields[]): Promise<void> {
    for (const name of new Set(fields.flatMap((f) => (f.actor ? [f.actor] : []))))
      if (!ctx.actors.has(name)) ctx.actors.set(name, await this.actorId(name, ctx));
  }

  /** The item a row makes (POST /v1/items's body), citing `sourceId`. */
  private body(ctx: Run, fields: RowFields, sourceId: string): CreateItemBody {
    return createBody(fields, ctx.mapping, {
      sourceId,
      quote: fields.quote ?? fields.statement,
      actorId: fields.actor ? (ctx.actors.get(fields.actor) ?? NOT_YET_CREATED) : undefined,
    });
  }

  /** A changed row: its status appended to the timeline, then its fields PATCHed, the import row recorded with them. */
  private async updateRow(ctx: Run, row: Planned): Promise<Planned> {
    const fields = row.fields!;
    try {
      await this.findActors(ctx, [fields]);
      const known = await this.sources.known([fields.sourceUrl]);
      const sources = await this.sources.resolve([fields], known, ctx.mapping, ctx.by);
      const sourceId = sources.get(fields.sourceUrl)!;
      const body = this.body(ctx, fields, sourceId);
      const itemId = row.itemId!;
      let version = row.version!;
      // The status first (an update on the timeline, as any status change), then the fields.
      if (fields.status && fields.status !== row.status) {
        const appended = await this.timeline.append(
          itemId,
          {
            status: fields.status,
            note: `Imported from ${ctx.fileName ?? 'a sheet'}, row ${row.row}`,
            evidence: [{ sourceId, ...(fields.quote ? { quote: fields.quote } : {}) }],
          },
          [version],
          ctx.by,
        );
        version = appended.item.version;
      }
      await this.items.update(itemId, updateBody(body), [version], ctx.by, (m) =>
        this.imports.insertRows(m, ctx.importId, ctx.scope, [row]),
      );
      return row;
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      return rowError(row, error, ctx.mapping);
    }
  }

  /**
   * A stored actor whose name or alias folds like `name`, else a new one of mapping.actorKind. When
   * the create fails because another import created the name meanwhile (its unique name), that one.
   */
  private async actorId(name: string, ctx: Run): Promise<string> {
    const find = async () => (await this.actorNames.nameClash(this.imports.db.manager, [name]))[0]?.actor_id;
    const known = await find();
    if (known) return known;
    try {
      return (await this.actors.create({ name, kind: ctx.mapping.actorKind ?? 'organization' }, ctx.by)).id;
    } catch (error) {
      const theirs = await find();
      if (theirs) return theirs;
      throw error;
    }
  }
}

/** Whether a changed row changes its item's status: an update on the timeline, written row by row. */
function statusChanges(row: Planned): boolean {
  return Boolean(row.fields!.status) && row.fields!.status !== row.status;
}

/** A refusal as the row's errors: each field error with its column, else the problem's detail. */
function rowError(row: Planned, error: ProblemError, mapping: ImportMapping): Planned {
  const errors = error.errors?.length
    ? error.errors.map((e) => problemToRowError(e, row.row, mapping))
    : [{ row: row.row, column: null, reason: error.detail }];
  return { ...row, outcome: 'error', itemId: null, errors };
}
