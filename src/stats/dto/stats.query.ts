import { INSTANT_SCHEMA, ToInstant } from '../../common/instant';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, isISO8601, IsOptional, IsUUID, ValidateBy } from 'class-validator';
import { IsCurrencyCode } from '../../common/money.dto';
import { IsText } from '../../common/validators';
import { ITEM_KINDS, type ItemKind } from '../../items/status-scales';

const isDateOnly = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isISO8601(v, { strict: true });

export class StatusStatsQuery {
  @ApiPropertyOptional({ enum: ITEM_KINDS, description: 'Without it, both scales are counted' })
  @IsOptional()
  @IsIn(ITEM_KINDS)
  kind?: ItemKind;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsText(64) tag?: string;
  @ApiPropertyOptional({ ...INSTANT_SCHEMA, description: 'Count statuses as they stood at this time' })
  @IsOptional()
  @ToInstant()
  asOf?: Date;
}

export const AMOUNT_GROUPS = ['pledger', 'period', 'status'] as const;

export class AmountStatsQuery {
  @ApiPropertyOptional({ example: 'EUR', description: 'Without it, one row per currency and key' })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;
  @ApiPropertyOptional({ enum: AMOUNT_GROUPS })
  @IsOptional()
  @IsIn(AMOUNT_GROUPS)
  groupBy?: (typeof AMOUNT_GROUPS)[number];
  @ApiPropertyOptional({
    example: 'EUR',
    description: 'Convert every currency into this one before adding (rates from PUT /v1/fx-rates)',
  })
  @IsOptional()
  @IsCurrencyCode()
  convertTo?: string;
  @ApiPropertyOptional({
    example: 'announced',
    default: 'announced',
    description:
      "With convertTo: `announced` (each item's rate on or before its origin date; EUR only), `latest`, or a date YYYY-MM-DD (the rate on or before it)",
  })
  @IsOptional()
  @ValidateBy({
    name: 'isRateDate',
    validator: {
      validate: (v: unknown) =>
        v === 'announced' || v === 'latest' || (typeof v === 'string' && isDateOnly(v)),
      defaultMessage: () => 'rateDate must be announced, latest or a valid date YYYY-MM-DD',
    },
  })
  rateDate?: string;
}

export const ACTIVITY_INTERVALS = ['day', 'week', 'month'] as const;

export class ActivityStatsQuery {
  @ApiPropertyOptional({ enum: ACTIVITY_INTERVALS, default: 'day' })
  @IsOptional()
  @IsIn(ACTIVITY_INTERVALS)
  interval: (typeof ACTIVITY_INTERVALS)[number] = 'day';
  @ApiPropertyOptional({ ...INSTANT_SCHEMA, description: 'Default: 30 days before to' })
  @IsOptional()
  @ToInstant()
  from?: Date;
  @ApiPropertyOptional({ ...INSTANT_SCHEMA, description: 'Exclusive; default now' })
  @IsOptional()
  @ToInstant()
  to?: Date;
}
