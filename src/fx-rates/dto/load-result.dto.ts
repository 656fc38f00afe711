import { ApiProperty } from '@nestjs/swagger';

/** PUT /v1/fx-rates: what the load changed; a reload of the same file has inserted = updated = 0. */
export class LoadResultDto {
  @ApiProperty() received: number;
  @ApiProperty() inserted: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ type: [String], example: ['GBP', 'USD'] }) currencies: string[];
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ description: 'Pledges re-valued in EUR because a rate they use changed' })
  itemsRevalued: number;
}
