import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO4217CurrencyCode, IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { IsLanguageTag, IsText } from '../../common/validators';
import { ACTOR_ROLES, CITATION_ROLES, QUALIFIERS } from '../status-scales';

/** Up to 18 integer digits and 2 decimals, as a string: money is never a float. */
export const MONEY_PATTERN = /^(0|[1-9]\d{0,17})(\.\d{1,2})?$/;

export const IsMoneyValue = () =>
  applyDecorators(
    IsString({ message: '$property must be a decimal string such as "40000000000"' }),
    Matches(MONEY_PATTERN, { message: '$property must be a decimal string with up to 18 integer digits and 2 decimals' }),
  );

/** A calendar date, YYYY-MM-DD. */
export const IsDateOnly = () =>
  applyDecorators(
    IsString(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a valid date' }),
  );

export class MoneyDto {
  @ApiProperty({ example: '40000000000' }) @IsMoneyValue() value: string;
  @ApiProperty({ example: 'EUR' }) @IsISO4217CurrencyCode() currency: string;
}

export class AmountDto extends MoneyDto {
  @ApiProperty({ example: '40000000000' })
  @IsMoneyValue() @Matches(/[1-9]/, { message: 'value must be greater than zero' })
  declare value: string;

  @ApiPropertyOptional({ enum: QUALIFIERS, default: 'exactly' }) @IsOptional() @IsIn(QUALIFIERS) qualifier?: string;
}

export class ItemActorDto {
  @ApiProperty() @IsUUID() actorId: string;
  @ApiProperty({ enum: ACTOR_ROLES }) @IsIn(ACTOR_ROLES) role: string;
}

export class CitationDto {
  @ApiProperty() @IsUUID() sourceId: string;
  @ApiProperty({ enum: CITATION_ROLES }) @IsIn(CITATION_ROLES) role: string;
  @ApiPropertyOptional({ example: 'fr' }) @IsOptional() @IsLanguageTag() language?: string;
  @ApiProperty({ description: "The passage in the source's own language" }) @IsText(5000) quote: string;
  @ApiPropertyOptional() @IsOptional() @IsText(5000) translation?: string;
}
