import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { ReminderDeliveryView } from './follow-up-deliveries.query';

class ReminderAttemptSchema {
  @ApiProperty({ type: 'integer' }) attempt: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: 'integer' }) durationMs: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'SMTP reply code (mail)' })
  responseCode?: number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'HTTP status (webhook)' })
  statusCode?: number | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

@ApiSchema({ name: 'ReminderDelivery' })
export class ReminderDeliverySchema implements ReminderDeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['email', 'webhook'] }) channel: 'email' | 'webhook';
  @ApiProperty({ description: "The address mailed, or the webhook's URL" }) target: string;
  @ApiProperty() eventId: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed', 'skipped'] })
  state: 'pending' | 'delivered' | 'failed' | 'skipped';
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why a mail was skipped: a mail budget, or a domain outside MAIL_ALLOWED_DOMAINS',
  })
  skippedReason: string | null;
  @ApiProperty({ type: 'integer' }) attemptCount: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [ReminderAttemptSchema] }) attempts: ReminderAttemptSchema[];
}
