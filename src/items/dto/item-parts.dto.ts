import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, ValidateBy } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { isCurrencyCode, MONEY_VALUE_PATTERN } from '../../common/money';
import { IsLanguageTag, IsText } from '../../common/validators';
import { ACTOR_ROLES, CITATION_ROLES, QUALIFIERS } from '../status-scales';

/** Money is never a float: a decimal string with up to 18 integer digits and 2 decimals. */
export const IsMoneyValue = () =>
  applyDecorators(
    IsString({ message: '$property must be a decimal string such as "40000000000"' }),
    Matches(MONEY_VALUE_PATTERN, {
      message: '$property must be a decimal string with up to 18 integer digits and 2 decimals',
    }),
  );

/** A calendar date, YYYY-MM-DD. */
export const IsDateOnly = () =>
  applyDecorators(
    IsString(),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a valid date' }),
  );

/** ISO 4217, as Intl knows it (the same check everywhere money is accepted). */
export const IsCurrencyCode = () =>
  ValidateBy({
    name: 'isCurrencyCode',
    validator: {
      validate: isCurrencyCode,
      defaultMessage: () => '$property must be an ISO 4217 currency code',
    },
  });

export class MoneyDto {
  @ApiProperty({ example: '40000000000' }) @IsMoneyValue() value: string;
  @ApiProperty({ example: 'EUR' }) @IsCurrencyCode() currency: string;
}

export class AmountDto extends MoneyDto {
  @ApiProperty({ example: '40000000000' })
  @IsMoneyValue()
  @Matches(/[1-9]/, { message: 'value must be greater than zero' })
  declare value: string;

  @ApiPropertyOptional({ enum: QUALIFIERS, default: 'exactly' })
  @IsOptional()
  @IsIn(QUALIFIERS)
  qualifier?: string;
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
