import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, ValidateBy } from 'class-validator';
import { isCurrencyCode, MONEY_VALUE_PATTERN } from './money';

/** Money is never a float: a decimal string with up to 18 integer digits and 2 decimals. */
export const IsMoneyValue = () =>
  applyDecorators(
    IsString({ message: '$property must be a decimal string such as "40000000000"' }),
    Matches(MONEY_VALUE_PATTERN, {
      message: '$property must be a decimal string with up to 18 integer digits and 2 decimals',
    }),
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
