import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'StatusCounts' })
export class StatusCountsSchema {
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Every status of the scale (both scales without kind), zeros included',
    example: { proposed: 4, agreed: 1 },
  })
  byStatus: Record<string, number>;
}

class ActivityRowSchema {
  @ApiProperty({ format: 'date', description: 'Start of the period' }) period: string;
  @ApiProperty({ type: 'integer' }) updates: number;
  @ApiProperty({ type: 'integer' }) statusChanges: number;
}

@ApiSchema({ name: 'ActivityStats' })
export class ActivityStatsSchema {
  @ApiProperty({ enum: ['day', 'week', 'month'] }) interval: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: [ActivityRowSchema] }) data: ActivityRowSchema[];
}

@ApiSchema({ name: 'FollowUpCounts' })
export class FollowUpCountsSchema {
  @ApiProperty({ type: 'integer' }) scheduled: number;
  @ApiProperty({ type: 'integer' }) overdue: number;
  @ApiProperty({ type: 'integer' }) dueNext7Days: number;
  @ApiProperty({ type: 'integer' }) notified: number;
  @ApiProperty({ type: 'integer' }) done: number;
}
