import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { invalid, ProblemError, throwIfViolations } from '../common/problem';
import { WorkerPool } from '../common/worker-pool/worker-pool';
import type { ImportMapping } from './columns';
import { ImportPlanner } from './import-plan';
import { ImportWriter } from './import-writer';
import { ImportErrors } from './imports.errors';
import { ImportsRepository } from './imports.repository';
import { ImportPreview, ImportReport, reportOf, storedReport } from './import-report';
import { SheetFormat } from './read-sheet';

export interface Upload {
  bytes: Buffer;
  fileName: string | null;
  format: SheetFormat;
  sheet?: string;
}

/**
 * POST /v1/imports: the sheet read in the worker pool, its rows planned in batches against
 * earlier imports of the same tracker (by row key) and against stored items (the same-pledge
 * engine: ImportPlanner), then — unless a dry run — written in batches under the tracker's lock,
 * each import row recorded in its item's transaction (ImportWriter).
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly pool: WorkerPool,
    private readonly imports: ImportsRepository,
    private readonly planner: ImportPlanner,
    private readonly writer: ImportWriter,
    private readonly audit: AuditService,
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
    const planned = await this.planner.plan(sheet.rows, scope, mapping);
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
    const done = await this.writer.write(
      { importId: id, scope, mapping, fileName: upload.fileName, by },
      planned,
    );
    const report = reportOf({ id, dryRun: false, ...meta }, done);
    const { counts } = report;
    await this.imports.transaction(async (m) => {
      // Rows that made or changed an item were recorded in its own transaction.
      const written = (r: (typeof done)[number]) =>
        r.itemId && (r.outcome === 'create' || r.outcome === 'update');
      await this.imports.insertRows(
        m,
        id,
        scope,
        done.filter((r) => !written(r)),
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
}
