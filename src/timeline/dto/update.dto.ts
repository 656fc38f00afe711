import { INSTANT_SCHEMA } from '../../common/instant';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { HasAtMostDecimals } from '../../common/decimals';
import { IsText, Nested } from '../../common/validators';
import { IsMoneyValue, MoneyDto } from '../../common/money.dto';
import { PERIOD_PATTERN } from '../../common/periods';
import {
  ALL_STATUSES,
  type ItemStatus,
  PROGRESS_STAGES,
  type ProgressStage,
  TARGET_UNITS,
  type TargetUnit,
} from '../../items/status-scales';

/** How far a non-money target is reached, in the target's own unit ("12" F-16 jets delivered). */
export class AchievedDto {
  @ApiProperty({ example: '12' }) @IsMoneyValue() value: string;
  @ApiProperty({ enum: TARGET_UNITS }) @IsIn(TARGET_UNITS) unit: TargetUnit;
}

export class ProgressDto {
  @ApiPropertyOptional({
    type: MoneyDto,
    description: 'Cumulative for the period, in the commitment currency',
  })
  @IsOptional()
  @Nested(() => MoneyDto)
  delivered?: MoneyDto;

  @ApiPropertyOptional({
    enum: PROGRESS_STAGES,
    default: 'delivered',
    description: 'Which stage `delivered` reports: committed (signed), allocated (earmarked) or delivered',
  })
  @IsOptional()
  @IsIn(PROGRESS_STAGES)
  stage?: ProgressStage;

  @ApiPropertyOptional({
    type: AchievedDto,
    description: "Progress towards the item's non-money target, in its unit",
  })
  @IsOptional()
  @Nested(() => AchievedDto)
  achieved?: AchievedDto;

  @ApiPropertyOptional({ example: '2024', description: 'YYYY, YYYY-Qn or YYYY-MM' })
  @IsOptional()
  @Matches(PERIOD_PATTERN, { message: 'period must be YYYY, YYYY-Qn or YYYY-MM' })
  period?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    example: 42.5,
    description: 'A JSON number, at most 2 decimals',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @HasAtMostDecimals(2)
  @Min(0)
  @Max(100)
  percent?: number;
}

export class EvidenceDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() sourceId: string;
  @ApiPropertyOptional({ description: 'A passage of the source, checked against its text' })
  @IsOptional()
  @IsText(5000)
  quote?: string;
}

export class CreateUpdateDto {
  @ApiPropertyOptional({ enum: ALL_STATUSES }) @IsOptional() @IsIn(ALL_STATUSES) status?: ItemStatus;

  @ApiPropertyOptional({
    ...INSTANT_SCHEMA,
    example: '2024-07-10T12:00:00Z',
    description: 'When it happened; default now, never in the future',
  })
  @IsOptional()
  @IsISO8601(
    { strict: true, strictSeparator: true },
    { message: 'effectiveAt must be an ISO 8601 timestamp' },
  )
  effectiveAt?: string;

  @ApiProperty() @IsText(10000) note: string;

  @ApiPropertyOptional({ type: ProgressDto })
  @IsOptional()
  @Nested(() => ProgressDto)
  progress?: ProgressDto;

  @ApiPropertyOptional({ type: [EvidenceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Nested(() => EvidenceDto, { each: true })
  evidence?: EvidenceDto[];
}

export class RetractDto {
  @ApiProperty() @IsText(2000) reason: string;
}

export class ListUpdatesQuery extends PageQuery {}
