import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUrl, IsUUID, MaxLength } from 'class-validator';
import { EXPORT_FORMATS, ExportFormat } from '../export';
import { ItemFilterQuery } from './list-items.query';

/** The list filters (in creation order: an export has no pages) and the format. */
export class ExportItemsQuery extends OmitType(ItemFilterQuery, ['sort'] as const) {
  @ApiPropertyOptional({
    enum: [...EXPORT_FORMATS, 'xlsx'],
    default: 'csv',
    description: 'xlsx with layout only',
  })
  @IsOptional()
  @IsIn([...EXPORT_FORMATS, 'xlsx'])
  format: ExportFormat | 'xlsx' = 'csv';

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "An import's id: its items written back in that sheet's own columns (csv or xlsx), the filters aside",
  })
  @IsOptional()
  @IsUUID()
  layout?: string;

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

/** Where the ClaimReview is published, so its `url` is a page a crawler can open. */
export class ClaimReviewQuery {
  @ApiPropertyOptional({
    format: 'uri',
    example: 'https://factcheck.example.org/2024/ministers-met-in-brussels',
    description:
      "The public page (http or https) that publishes this review, written as the ClaimReview's url. Without it, url is the item's workbench page, which crawlers cannot open (a #/ address behind an API key): the service has no public page per item.",
  })
  @IsOptional()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url?: string;
}
