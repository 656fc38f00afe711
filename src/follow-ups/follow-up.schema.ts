import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { FOLLOW_UP_STATES, type FollowUpState } from './follow-up-state';
import type { FollowUp } from './follow-up.entity';

@ApiSchema({ name: 'FollowUp' })
export class FollowUpSchema implements FollowUp {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() dueAt: Date;
  @ApiProperty() note: string;
  @ApiProperty({ type: String, nullable: true }) assignee: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'P3M' }) repeatEvery: string | null;
  @ApiProperty({ enum: FOLLOW_UP_STATES }) state: FollowUpState;
  @ApiProperty({ description: "Created and moved by the item's own dueAt" }) automatic: boolean;
  @ApiProperty({ type: Date, nullable: true }) notifiedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) completedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) completionNote: string | null;
  @ApiProperty({ type: 'integer', description: 'Calendar SEQUENCE: bumped on every snooze' })
  sequence: number;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

/** Completing a repeating follow-up schedules its next occurrence. */
@ApiSchema({ name: 'CompletedFollowUp' })
export class CompletedFollowUpSchema extends FollowUpSchema {
  @ApiProperty({ type: FollowUpSchema, nullable: true }) next: FollowUpSchema | null;
}
