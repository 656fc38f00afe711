import { INSTANT_SCHEMA, IsInstant, ToInstant } from '../../common/instant';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches, ValidateBy, ValidationOptions } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsText } from '../../common/validators';
import { repeatProblem } from '../duration';
import { FOLLOW_UP_STATES } from '../follow-up-state';

const STATE_LIST = new RegExp(`^(${FOLLOW_UP_STATES.join('|')})(,(${FOLLOW_UP_STATES.join('|')}))*$`);

/** An ISO 8601 duration of at least an hour, such as P3M. */
export const IsRepeatDuration = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isRepeatDuration',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && repeatProblem(value) === null,
        defaultMessage: (args) =>
          `${args?.property} ${typeof args?.value === 'string' ? repeatProblem(args.value) : 'must be an ISO 8601 duration string such as P3M'}`,
      },
    },
    options,
  );

export class CreateFollowUpDto {
  @ApiProperty({ ...INSTANT_SCHEMA, example: '2024-06-14T09:00:00Z' })
  @IsInstant()
  dueAt: string;

  @ApiProperty({ example: 'Check whether ministers approved the training programme' })
  @IsText(2000)
  note: string;
  @ApiPropertyOptional({ example: 'desk-ukraine' }) @IsOptional() @IsText(200) assignee?: string;
  @ApiPropertyOptional({ example: 'P3M', description: 'ISO 8601 duration, at least PT1H' })
  @IsOptional()
  @IsRepeatDuration()
  repeatEvery?: string;
}

export class CompleteFollowUpDto {
  @ApiPropertyOptional() @IsOptional() @IsText(2000) note?: string;
}

export class SnoozeFollowUpDto {
  @ApiProperty({ ...INSTANT_SCHEMA, example: '2024-06-21T09:00:00Z' })
  @IsInstant()
  until: string;
}

export class ListFollowUpsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Comma list, e.g. scheduled,notified' })
  @IsOptional()
  @Matches(STATE_LIST, { message: 'state must be a comma list of scheduled, notified, done, cancelled' })
  state?: string;

  @ApiPropertyOptional({
    ...INSTANT_SCHEMA,
    description: 'Due strictly before this time (ISO 8601)',
  })
  @IsOptional()
  @ToInstant()
  dueBefore?: Date;

  @ApiPropertyOptional({ description: 'true: open (scheduled or notified) and due in the past' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: string;

  @ApiPropertyOptional() @IsOptional() @IsText(200) assignee?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() itemId?: string;
}
