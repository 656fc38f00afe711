import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EXPORT_FORMATS, ExportFormat } from '../export';
import { ItemFilterQuery } from './list-items.query';

/** The list filters (in creation order: an export has no pages) and the format. */
export class ExportItemsQuery extends OmitType(ItemFilterQuery, ['sort'] as const) {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat = 'csv';

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'true',
    description:
      "CSV only. true: a cell starting with =, +, -, @, tab or CR gets a leading ' so spreadsheet programs show it as text instead of running it as a formula (OWASP CSV injection); false: every cell exactly as stored, for pipelines that do not open the file in a spreadsheet.",
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  formulaGuard: 'true' | 'false' = 'true';
}
