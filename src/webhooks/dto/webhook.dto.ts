import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import { IsText } from '../../common/validators';
import { WEBHOOK_EVENTS } from '../webhook.entity';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.org/pledgewatch' }) @IsText(2048) url: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, example: ['follow_up.due'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events: string[];

  @ApiPropertyOptional() @IsOptional() @IsText(500) description?: string;
}
