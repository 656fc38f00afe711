import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { Webhook } from './webhook.entity';
import { EVENT_TYPES, type EventType } from '../events/event-types';
import type { DeliveryView } from './webhooks.service';

@ApiSchema({ name: 'Webhook' })
export class WebhookSchema implements Omit<Webhook, 'secret'> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: EVENT_TYPES, isArray: true }) events: EventType[];
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ description: 'false once the receiver answered 410 Gone' }) active: boolean;
  @ApiProperty({ type: String, nullable: true }) disabledReason: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
}

@ApiSchema({ name: 'CreatedWebhook' })
export class CreatedWebhookSchema extends WebhookSchema {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'whsec_… signing secret, shown once (null in an idempotent replay)',
  })
  secret: string | null;
}

class AttemptSchema {
  @ApiProperty({ type: 'integer' }) attempt: number;
  @ApiProperty() at: Date;
  @ApiProperty({ type: 'integer' }) durationMs: number;
  @ApiProperty({ type: 'integer', nullable: true }) statusCode: number | null;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
}

@ApiSchema({ name: 'Delivery' })
export class DeliverySchema implements DeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() eventId: string;
  @ApiProperty({ enum: EVENT_TYPES }) eventType: string;
  @ApiProperty({ example: 'delivered' }) state: string;
  @ApiProperty({ type: 'integer' }) attemptCount: number;
  @ApiProperty({ type: Date, nullable: true }) nextAttemptAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) deliveredAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: [AttemptSchema] }) attempts: AttemptSchema[];
}
