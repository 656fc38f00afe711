import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { IsText } from '../../common/validators';
import { EVENT_TYPES, EventType } from '../../events/event-types';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.org/pledgewatch' }) @IsText(2048) url: string;

  @ApiProperty({ enum: EVENT_TYPES, isArray: true, example: ['follow_up.due'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(EVENT_TYPES, { each: true })
  events: EventType[];

  @ApiPropertyOptional() @IsOptional() @IsText(500) description?: string;
}
