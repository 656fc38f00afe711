import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, Matches } from 'class-validator';
import { ACTOR_KINDS, type ActorKind } from '../../actors/actor-kinds';
import { IsLanguageTag, IsLine } from '../../common/validators';
import { ACTOR_ROLES, type ActorRole } from '../../items/status-scales';
import type { ImportMapping } from '../columns';

const column = (description: string) => ApiPropertyOptional({ description });

/**
 * Which column is what (the `mapping` part of POST /v1/imports, as JSON). `kind` and `currency`
 * name a column, or, when no column has that name, are a constant for every row
 * (`commitment`, `EUR`).
 */
export class ImportMappingDto implements ImportMapping {
  @ApiProperty({ description: 'The column holding each item’s title', example: 'Promise' })
  @IsLine(200)
  title: string;
  @ApiProperty({ description: 'The column with the source’s URL (created, or reused by canonical URL)' })
  @IsLine(200)
  sourceUrl: string;

  @column('The statement; default: the title') @IsOptional() @IsLine(200) statement?: string;
  @column('A column, or the constant claim | commitment (default commitment)')
  @IsOptional()
  @IsLine(200)
  kind?: string;
  @column('Status codes or tracker words (Promise Kept, Compromise, Stalled …)')
  @IsOptional()
  @IsLine(200)
  status?: string;
  @column('The actor’s name; found by name or alias, else created') @IsOptional() @IsLine(200) actor?: string;
  @column('The amount; "EUR m" / "USD bn" in the header or the cell scale it')
  @IsOptional()
  @IsLine(200)
  amount?: string;
  @column('A column, or a constant ISO 4217 code') @IsOptional() @IsLine(200) currency?: string;
  @column('Announcement date: the new source’s publication date') @IsOptional() @IsLine(200) date?: string;
  @column('The deadline') @IsOptional() @IsLine(200) dueAt?: string;
  @column('Title of a source the import creates') @IsOptional() @IsLine(200) sourceTitle?: string;
  @column('The origin passage, checked when the source has text') @IsOptional() @IsLine(200) quote?: string;
  @column('Tags separated by ";" or ","') @IsOptional() @IsLine(200) tags?: string;
  @column('A column identifying each row; default a hash of the mapped cells')
  @IsOptional()
  @IsLine(200)
  rowKey?: string;

  @ApiPropertyOptional({ enum: ACTOR_ROLES, description: 'Default pledger (commitments), speaker (claims)' })
  @IsOptional()
  @IsIn(ACTOR_ROLES)
  actorRole?: ActorRole;
  @ApiPropertyOptional({
    enum: ACTOR_KINDS,
    description: 'Kind of the actors an import creates; default organization',
  })
  @IsOptional()
  @IsIn(ACTOR_KINDS)
  actorKind?: ActorKind;
  @ApiPropertyOptional({
    example: '1000000',
    description: 'Multiplies every amount (on top of the header’s unit)',
  })
  @IsOptional()
  @Matches(/^[1-9]\d{0,12}$/, { message: 'unitMultiplier must be a whole number such as "1000000"' })
  unitMultiplier?: string;
  @ApiPropertyOptional({ example: 'en', description: 'Language of the items and new sources; default en' })
  @IsOptional()
  @IsLanguageTag()
  language?: string;
  @ApiPropertyOptional({
    enum: ['dmy', 'mdy'],
    description: 'How to read 01/02/2024 when no date of the column settles it',
  })
  @IsOptional()
  @IsIn(['dmy', 'mdy'])
  dateOrder?: 'dmy' | 'mdy';
  @ApiPropertyOptional({
    description:
      'Names the tracker: rows are matched to earlier imports by rowKey within it; default the header row',
  })
  @IsOptional()
  @IsLine(100)
  tracker?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'Promise Kept': 'fulfilled' },
    description: 'Status words of the sheet and the status each means (added to the built-in ones)',
  })
  @IsOptional()
  @IsObject()
  statusWords?: Record<string, string>;
}
