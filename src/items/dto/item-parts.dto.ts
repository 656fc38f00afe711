import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IsMoneyValue, MoneyDto } from '../../common/money.dto';
import { PERIOD_PATTERN } from '../../common/periods';
import { IsLanguageTag, IsText, Nested } from '../../common/validators';
import {
  ACTOR_ROLES,
  type ActorRole,
  CITATION_ROLES,
  type CitationRole,
  QUALIFIERS,
  type Qualifier,
  TARGET_UNITS,
  type TargetUnit,
} from '../status-scales';

export class AmountDto extends MoneyDto {
  @ApiProperty({ example: '40000000000' })
  @IsMoneyValue()
  @Matches(/[1-9]/, { message: 'value must be greater than zero' })
  declare value: string;

  @ApiPropertyOptional({
    example: '3000000000',
    description: 'The upper bound of a range; with qualifier `between` only, greater than value',
  })
  @IsOptional()
  @IsMoneyValue()
  valueMax?: string;

  @ApiPropertyOptional({ enum: QUALIFIERS, description: 'Default: exactly' })
  @IsOptional()
  @IsIn(QUALIFIERS)
  qualifier?: Qualifier;
}

/** One period of a schedule: a pledge with a different amount per period. */
export class ScheduleEntryDto {
  @ApiProperty({
    example: '2025',
    description: "A period of the commitment's recurrence: YYYY, YYYY-Qn or YYYY-MM",
  })
  @IsString()
  @Matches(PERIOD_PATTERN, { message: 'period must be YYYY, YYYY-Qn or YYYY-MM' })
  period: string;

  @ApiProperty({ type: AmountDto })
  @Nested(() => AmountDto)
  amount: AmountDto;
}

/** A quantitative target that is not money: "5 % of GDP by 2035", "30 F-16 jets". */
export class TargetDto {
  @ApiProperty({ example: '5' })
  @IsMoneyValue()
  @Matches(/[1-9]/, { message: 'value must be greater than zero' })
  value: string;

  @ApiProperty({ enum: TARGET_UNITS })
  @IsIn(TARGET_UNITS)
  unit: TargetUnit;

  @ApiPropertyOptional({ example: 'F-16 jets' })
  @IsOptional()
  @IsText(200)
  label?: string;
}

export class ItemActorDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() actorId: string;
  @ApiProperty({ enum: ACTOR_ROLES }) @IsIn(ACTOR_ROLES) role: ActorRole;
}

export class CitationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() sourceId: string;
  @ApiProperty({ enum: CITATION_ROLES }) @IsIn(CITATION_ROLES) role: CitationRole;
  @ApiPropertyOptional({ example: 'fr' }) @IsOptional() @IsLanguageTag() language?: string;
  @ApiProperty({ description: "The passage in the source's own language" }) @IsText(5000) quote: string;
  @ApiPropertyOptional() @IsOptional() @IsText(5000) translation?: string;
}
