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
}
