import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { AuditView } from './audit.service';

@ApiSchema({ name: 'AuditEntry' })
export class AuditEntrySchema implements AuditView {
  @ApiProperty({ description: 'Sequence number (decimal string)', example: '42' }) id: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ description: 'The API key name that made the change' }) actor: string;
  @ApiProperty({ example: 'update' }) action: string;
  @ApiProperty({ example: 'item' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) change: Record<string, unknown>;
}
