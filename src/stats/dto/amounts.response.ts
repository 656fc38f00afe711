import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const MONEY = { type: 'string', example: '40000000000', description: 'A decimal string' } as const;

export class AmountRowDto {
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'Status, pledger name or calendar year; null for the total, or for pledges without pledger',
  })
  key: string | null;
  @ApiProperty({
    example: 'EUR',
    description: 'The currency of the row (the target currency with convertTo)',
  })
  currency: string;
  @ApiProperty({ ...MONEY, description: 'Ranges count their lower bound' }) pledged: string;
  @ApiProperty({ ...MONEY, description: 'Ranges count their upper bound' }) pledgedMax: string;
  @ApiProperty(MONEY) committed: string;
  @ApiProperty(MONEY) allocated: string;
  @ApiProperty(MONEY) delivered: string;
}

export class RateDatesDto {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiPropertyOptional({ example: '1.0765', description: 'Units per EUR, with latest or a fixed date' })
  perEur?: string;
}

export class UnconvertedDto {
  @ApiProperty({ example: 'GBP' }) currency: string;
  @ApiProperty({ description: 'Counted items in that currency without a rate', example: 1 }) items: number;
}

/** GET /v1/stats/amounts; with convertTo it also says which rates it used and what it could not convert. */
export class AmountsResponseDto {
  @ApiProperty({ type: [AmountRowDto] }) data: AmountRowDto[];
  @ApiPropertyOptional({ example: 'EUR' }) convertTo?: string;
  @ApiPropertyOptional({ example: 'announced' }) rateDate?: string;
  @ApiPropertyOptional({ type: [RateDatesDto] }) rateDates?: RateDatesDto[];
  @ApiPropertyOptional({ type: [UnconvertedDto] }) unconverted?: UnconvertedDto[];
}
