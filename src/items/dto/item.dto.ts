import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { IsLanguageTag, IsText, Nested } from '../../common/validators';
import { DUE_PRECISIONS, type DuePrecision } from '../due-window';
import {
  ALL_STATUSES,
  ITEM_KINDS,
  type ItemKind,
  type ItemStatus,
  RECURRENCES,
  type Recurrence,
} from '../status-scales';
import { IsDateOnly } from '../../common/validators';
import { AmountDto, CitationDto, ItemActorDto, ScheduleEntryDto, TargetDto } from './item-parts.dto';

/** A tag never holds `;` (also a CHECK on items.tags): the CSV export separates tags with "; ". */
const NO_SEMICOLON = /^[^;]*$/;
/** A candidate's key (candidates/candidate-key.ts), checked here too: items never import candidates. */
const CANDIDATE_KEY_FORMAT = /^[0-9a-f]{32}$/;

export class CreateItemDto {
  @ApiProperty({ enum: ITEM_KINDS }) @IsIn(ITEM_KINDS) kind: ItemKind;
  @ApiProperty() @IsText(500) title: string;
  @ApiProperty() @IsText(10000) statement: string;
  @ApiProperty({ example: 'en' }) @IsLanguageTag() language: string;

  @ApiPropertyOptional({ type: [ItemActorDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Nested(() => ItemActorDto, { each: true })
  actors?: ItemActorDto[];

  @ApiPropertyOptional({
    example: ['military-aid'],
    description: 'Without ";": the CSV export joins tags with "; ", so its cell splits back exactly',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsText(64, 1, { each: true })
  @Matches(NO_SEMICOLON, { each: true, message: 'each value in tags must not contain ";"' })
  tags?: string[];

  @ApiPropertyOptional({ type: AmountDto, nullable: true })
  @IsOptional()
  @Nested(() => AmountDto)
  amount?: AmountDto | null;

  @ApiPropertyOptional({
    type: [ScheduleEntryDto],
    nullable: true,
    description: 'Instead of amount: one amount per period of the recurrence, one currency',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @Nested(() => ScheduleEntryDto, { each: true })
  schedule?: ScheduleEntryDto[] | null;

  @ApiPropertyOptional({
    type: TargetDto,
    nullable: true,
    description: 'A quantitative target that is not money',
  })
  @IsOptional()
  @Nested(() => TargetDto)
  target?: TargetDto | null;

  @ApiPropertyOptional({ enum: RECURRENCES, nullable: true })
  @IsOptional()
  @IsIn(RECURRENCES)
  recurrence?: Recurrence | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsDateOnly()
  periodStart?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsDateOnly()
  periodEnd?: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    example: '2024-12-31',
    description: 'YYYY-MM-DD; with duePrecision, the end of that window',
  })
  @IsOptional()
  @IsDateOnly()
  dueAt?: string | null;
  @ApiPropertyOptional({ enum: DUE_PRECISIONS, description: 'Default on creation: day' })
  @IsOptional()
  @IsIn(DUE_PRECISIONS)
  duePrecision?: DuePrecision;
  @ApiPropertyOptional({
    enum: ALL_STATUSES,
    description: 'Initial status; default proposed (commitment) or unverified (claim)',
  })
  @IsOptional()
  @IsIn(ALL_STATUSES)
  status?: ItemStatus;

  @ApiProperty({ type: [CitationDto], description: 'At least one with role origin' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Nested(() => CitationDto, { each: true })
  citations: CitationDto[];

  @ApiPropertyOptional({
    example: '3f2a9c0d41b7e8a25c6d0f1e9b8a7c6d',
    description:
      "The key of the candidate this item records (GET /v1/sources/{id}/candidates): the candidate of the first origin citation's source is marked accepted",
  })
  @IsOptional()
  @Matches(CANDIDATE_KEY_FORMAT, { message: 'candidateKey must be 32 lowercase hexadecimal digits' })
  candidateKey?: string;
}

/** PATCH: everything but kind, status and citations; a field left out keeps its stored value (no defaults). */
export class UpdateItemDto extends PartialType(
  OmitType(CreateItemDto, ['kind', 'status', 'citations', 'candidateKey'] as const),
) {}
