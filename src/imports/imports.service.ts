import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ActorsRepository } from '../actors/actors.repository';
import { ActorsService } from '../actors/actors.service';
import { AuditService } from '../audit/audit.service';
import { invalid, ProblemError, throwIfViolations } from '../common/problem';
import { WorkerPool } from '../common/worker-pool/worker-pool';
import { ItemsService } from '../items/items.service';
import { probeOfItem, SAME_PLEDGE_SCORE, SimilarItems } from '../items/similar';
import { QuoteVerifier } from '../sources/quote-verifier';
import { TimelineService } from '../timeline/timeline.service';
import type { ImportMapping } from './columns';
import { ImportErrors } from './imports.errors';
import { ImportsRepository, RowRecord } from './imports.repository';
import { ImportPreview, ImportReport, reportOf, storedReport } from './import-report';
import { SheetFormat } from './read-sheet';
import { MappedRow, RowError, RowFields } from './row-map';
import { bodyErrors, createBody, NOT_YET_CREATED, problemToRowError, updateBody } from './row-items';
import { RowSources } from './row-sources';

export interface Upload {
  bytes: Buffer;
  fileName: string | null;
  format: SheetFormat;
  sheet?: string;
}

/** Rows planned at once (reads only; the pool has room for them besides other requests). */
const PLAN_CONCURRENCY = 4;

/** A row and what the import will do with it. */
interface Planned extends RowRecord {
  fields: RowFields | null;
  /** The item's version and status when the row was planned (an update's If-Match). */
  version?: number;
  status?: string;
}

/**
 * POST /v1/imports: the sheet read in the worker pool, each row planned against earlier imports
 * of the same tracker (by row key) and against stored items (the same-pledge engine), then —
 * unless a dry run — each row written in its own transaction through ItemsService, its import
 * row recorded in that same transaction.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly pool: WorkerPool,
    private readonly imports: ImportsRepository,
    private readonly items: ItemsService,
    private readonly similar: SimilarItems,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly actors: ActorsService,
    private readonly actorNames: ActorsRepository,
    private readonly sources: RowSources,
    private readonly quotes: QuoteVerifier,
  ) {}

  async run(upload: Upload, mapping: ImportMapping, dryRun: boolean, by: string): Promise<ImportReport> {
    const sheet = await this.pool.run('readImportSheet', {
      bytes: upload.bytes,
      format: upload.format,
      sheet: upload.sheet,
      mapping: { ...mapping },
    });
    if ('error' in sheet) throw invalid('file', sheet.error);
    throwIfViolations(sheet.violations.map((v) => ({ ...v, spec: ImportErrors.BAD_MAPPING })));
    const scope = mapping.tracker
      ? `tracker:${mapping.tracker}`
      : `columns:${createHash('sha256').update(JSON.stringify(sheet.headers)).digest('hex')}`;
    const planned = await this.plan(sheet.rows, scope, mapping);
    const meta = {
      fileName: upload.fileName,
      format: upload.format,
      sheet: upload.sheet ?? null,
      columns: sheet.headers,
    };
    if (dryRun) return reportOf({ id: null, dryRun: true, ...meta }, planned);

    const id = await this.imports.transaction((m) =>
      this.imports.insert(m, {
        scope,
        file_name: upload.fileName,
        format: upload.format,
        sheet: upload.sheet ?? null,
        headers: sheet.headers,
        mapping: { ...mapping },
        decimal_comma: sheet.decimalComma,
        created_by: by,
      }),
    );
    const done: Planned[] = [];
    for (const row of planned) done.push(await this.write(id, scope, row, mapping, upload.fileName, by));
    const report = reportOf({ id, dryRun: false, ...meta }, done);
    const { counts } = report;
    await this.imports.transaction(async (m) => {
      const written = done.filter((r) => r.itemId && (r.outcome === 'create' || r.outcome === 'update'));
      await this.imports.insertRows(
        m,
        id,
        scope,
        done.filter((r) => !written.includes(r)),
      );
      await this.imports.setCounts(m, id, counts);
      await this.audit.record(m, {
        actor: by,
        action: 'import',
        entityType: 'import',
        entityId: id,
        change: { ...meta, counts },
      });
    });
    return report;
  }

  /** The columns, the first rows and a guessed mapping: what the workbench maps from. */
  async preview(upload: Upload): Promise<ImportPreview> {
    const preview = await this.pool.run('previewImportSheet', {
      bytes: upload.bytes,
      format: upload.format,
      sheet: upload.sheet,
    });
    if ('error' in preview) throw invalid('file', preview.error);
    return { format: upload.format, ...preview };
  }

  async get(id: string): Promise<ImportReport> {
    const found = await this.imports.find(id);
    if (!found) throw new ProblemError(ImportErrors.NOT_FOUND, `Import ${id} does not exist`);
    return storedReport(found, await this.imports.rows(id));
  }

  /** What each row would do, in sheet order; nothing is written. */
  private async plan(rows: MappedRow[], scope: string, mapping: ImportMapping): Promise<Planned[]> {
    const m = this.imports.db.manager;
    const keys = rows.map((r) => r.key);
    const prior = new Map((await this.imports.prior(m, scope, keys)).map((p) => [p.row_key, p]));
    const ours = await this.imports.itemsOf(m, scope);
    const planRow = async (row: MappedRow): Promise<Planned> => {
      const base = {
        row: row.row,
        key: row.key,
        hash: row.hash,
        cells: row.cells,
        fields: row.fields,
        itemId: null,
        duplicateOf: null,
      };
      const errors = row.fields ? await this.rowErrors(row.fields, row.row, mapping) : row.errors;
      const before = prior.get(row.key);
      if (errors.length > 0 || !row.fields) return { ...base, outcome: 'error', errors, fields: null };
      else if (before && before.row_hash === row.hash)
        return { ...base, outcome: 'unchanged', itemId: before.item_id, errors: [] };
      else if (before)
        return {
          ...base,
          outcome: 'update',
          itemId: before.item_id,
          version: before.version,
          status: before.status,
          errors: [],
        };
      else {
        const same = await this.sameAs(row.fields, mapping, ours);
        return { ...base, outcome: same ? 'duplicate' : 'create', duplicateOf: same, errors: [] };
      }
    };
    // Rows are planned PLAN_CONCURRENCY at a time: each is a few reads (source, quotes, look-alikes).
    const out: Planned[] = [];
    for (let i = 0; i < rows.length; i += PLAN_CONCURRENCY)
      out.push(...(await Promise.all(rows.slice(i, i + PLAN_CONCURRENCY).map(planRow))));
    return out;
  }

  /** The checks POST /v1/items makes, and the quote rule of an existing source with text. */
  private async rowErrors(fields: RowFields, row: number, mapping: ImportMapping): Promise<RowError[]> {
    const source = await this.sources.known(fields.sourceUrl);
    if ('error' in source) return [{ row, column: mapping.sourceUrl, reason: source.error }];
    if (source.hasText && !fields.quote)
      return [
        { row, column: mapping.quote ?? null, reason: 'the source has text: the row must quote its passage' },
      ];
    const body = createBody(fields, mapping, {
      sourceId: source.id ?? NOT_YET_CREATED,
      quote: fields.quote ?? fields.statement,
      actorId: fields.actor ? NOT_YET_CREATED : undefined,
    });
    const errors = await bodyErrors(body, row, mapping);
    if (errors.length > 0 || !source.id || !source.hasText) return errors;
    const quotes = await this.quotes.check([
      { sourceId: source.id, quote: fields.quote, path: 'citations.0' },
    ]);
    return quotes.violations.map((v) => problemToRowError(v, row, mapping));
  }

  private async sameAs(fields: RowFields, mapping: ImportMapping, ours: Set<string>): Promise<string | null> {
    const probe = probeOfItem({
      kind: fields.kind,
      title: fields.title,
      statement: fields.statement,
      language: mapping.language ?? 'en',
      amountValue: fields.amount?.value,
      amountCurrency: fields.amount?.currency,
      dueAt: fields.dueAt,
    });
    const found = await this.similar.find(this.imports.db.manager, probe, {
      limit: 5,
      kind: fields.kind,
      minScore: SAME_PLEDGE_SCORE,
    });
    return found.find((f) => !ours.has(f.id))?.id ?? null;
  }

  /** One row written in its own transaction; a refusal there becomes the row's error. */
  private async write(
    importId: string,
    scope: string,
    row: Planned,
    mapping: ImportMapping,
    fileName: string | null,
    by: string,
  ): Promise<Planned> {
    if (!row.fields || (row.outcome !== 'create' && row.outcome !== 'update')) return row;
    const fields = row.fields;
    try {
      const source = await this.sources.resolve(fields, mapping, by);
      const actorId = fields.actor ? await this.actorId(fields.actor, mapping, by) : undefined;
      const body = createBody(fields, mapping, {
        sourceId: source.id,
        quote: fields.quote ?? fields.statement,
        actorId,
      });
      const record = (itemId: string): Planned => ({ ...row, itemId });
      if (row.outcome === 'create') {
        const item = await this.items.create(body, by, (m, itemId) =>
          this.imports.insertRows(m, importId, scope, [record(itemId)]),
        );
        return record(item.id);
      }
      const itemId = row.itemId!;
      let version = row.version!;
      // The status first (an update on the timeline, as any status change), then the fields.
      if (fields.status && fields.status !== row.status) {
        const appended = await this.timeline.append(
          itemId,
          {
            status: fields.status,
            note: `Imported from ${fileName ?? 'a sheet'}, row ${row.row}`,
            evidence: [{ sourceId: source.id, ...(fields.quote ? { quote: fields.quote } : {}) }],
          },
          [version],
          by,
        );
        version = appended.item.version;
      }
      await this.items.update(itemId, updateBody(body), [version], by, (m) =>
        this.imports.insertRows(m, importId, scope, [record(itemId)]),
      );
      return record(itemId);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      const errors = error.errors?.length
        ? error.errors.map((e) => problemToRowError(e, row.row, mapping))
        : [{ row: row.row, column: null, reason: error.detail }];
      return { ...row, outcome: 'error', itemId: null, errors };
    }
  }

  /** A stored actor whose name or alias folds like `name`, else a new one of mapping.actorKind. */
  private async actorId(name: string, mapping: ImportMapping, by: string): Promise<string> {
    const [known] = await this.actorNames.nameClash(this.imports.db.manager, [name]);
    if (known) return known.actor_id;
    const created = await this.actors.create({ name, kind: mapping.actorKind ?? 'organization' }, by);
    return created.id;
  }
}
