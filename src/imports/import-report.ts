import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ImportRow, ImportRowRow, Outcome, OUTCOMES } from './imports.repository';
import type { RowError } from './row-map';

@ApiSchema({ name: 'ImportRowError' })
export class ImportRowErrorSchema implements RowError {
  @ApiProperty({ description: 'The row number in the sheet (the header is row 1)' }) row: number;
  @ApiProperty({ type: String, nullable: true, description: 'The column (its header), when one is at fault' })
  column: string | null;
  @ApiProperty() reason: string;
}

@ApiSchema({ name: 'ImportRow' })
export class ImportRowSchema {
  @ApiProperty() row: number;
  @ApiProperty({ description: 'The rowKey cell, or h: and a hash of the mapped cells' }) key: string;
  @ApiProperty({ enum: OUTCOMES }) outcome: Outcome;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The item the row made, updated or left unchanged',
  })
  itemId: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The stored item this row is the same pledge as',
  })
  duplicateOf: string | null;
  @ApiProperty({ type: [ImportRowErrorSchema] }) errors: ImportRowErrorSchema[];
}

@ApiSchema({ name: 'ImportCounts' })
export class ImportCountsSchema implements Record<Outcome, number> {
  @ApiProperty() create: number;
  @ApiProperty() update: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() duplicate: number;
  @ApiProperty() error: number;
}

@ApiSchema({ name: 'Import' })
export class ImportReport {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null for a dry run (nothing stored)',
  })
  id: string | null;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ type: String, nullable: true }) fileName: string | null;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: 'csv' | 'xlsx';
  @ApiProperty({ type: String, nullable: true }) sheet: string | null;
  @ApiProperty({ type: [String], description: 'The sheet’s header row, in order' }) columns: string[];
  @ApiProperty({ type: ImportCountsSchema }) counts: ImportCountsSchema;
  @ApiProperty({ type: [ImportRowSchema] }) rows: ImportRowSchema[];
  @ApiPropertyOptional() createdBy?: string;
  @ApiPropertyOptional() createdAt?: Date;
}

@ApiSchema({ name: 'ImportPreview' })
export class ImportPreview {
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format: 'csv' | 'xlsx';
  @ApiProperty({ type: [String] }) columns: string[];
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'number' }] } },
    description: 'The first five rows; XLSX number cells as numbers',
  })
  rows: (string | number)[][];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'A first mapping guessed from the headers (field → column)',
  })
  guess: Record<string, string>;
}

type Meta = Omit<ImportReport, 'counts' | 'rows'>;

/** The report: counts by outcome and each row, in sheet order. */
export function reportOf(meta: Meta, rows: ImportRowSchema[]): ImportReport {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of rows) counts[r.outcome]++;
  return {
    ...meta,
    counts,
    rows: rows.map(({ row, key, outcome, itemId, duplicateOf, errors }) => ({
      row,
      key,
      outcome,
      itemId,
      duplicateOf,
      errors,
    })),
  };
}

/** GET /v1/imports/:id: the report of a stored import. */
export function storedReport(found: ImportRow, rows: ImportRowRow[]): ImportReport {
  return reportOf(
    {
      id: found.id,
      dryRun: false,
      fileName: found.file_name,
      format: found.format,
      sheet: found.sheet,
      columns: found.headers,
      createdBy: found.created_by,
      createdAt: found.created_at,
    },
    rows.map((r) => ({
      row: r.row_number,
      key: r.row_key,
      outcome: r.outcome,
      itemId: r.item_id,
      duplicateOf: r.duplicate_of,
      errors: r.errors,
    })),
  );
}
