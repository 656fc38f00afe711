import { Body, Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { ParseId } from '../common/parse-id.pipe';
import {
  CompleteFollowUpDto,
  CreateFollowUpDto,
  ListFollowUpsQuery,
  SnoozeFollowUpDto,
} from './dto/follow-up.dto';
import { FollowUpsService } from './follow-ups.service';
import { Endpoint } from '../openapi/endpoint.decorator';
import { CompletedFollowUpSchema, FollowUpSchema } from './follow-up.schema';

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('v1')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @IdempotentPost('items/:id/follow-ups')
  @Endpoint({
    summary: 'Schedule a follow-up on an item',
    status: 201,
    type: FollowUpSchema,
    problems: [308, [409, 'This API key has too many open follow-ups']],
  })
  create(
    @Param('id', ParseId()) itemId: string,
    @Body() dto: CreateFollowUpDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.followUps.create(itemId, dto, who.name);
  }

  @Get('follow-ups')
  @Endpoint({
    summary: 'List follow-ups',
    description: 'Soonest due first.',
    type: FollowUpSchema,
    page: true,
  })
  list(@Query() query: ListFollowUpsQuery) {
    return this.followUps.list(query);
  }

  @Get('follow-ups/:id')
  @Endpoint({ summary: 'Get a follow-up', type: FollowUpSchema })
  get(@Param('id', ParseId()) id: string) {
    return this.followUps.get(id);
  }

  @IdempotentPost('follow-ups/:id/complete')
  @HttpCode(200)
  @Endpoint({
    summary: 'Complete a follow-up',
    description: 'A repeating one schedules its next occurrence (`next`).',
    type: CompletedFollowUpSchema,
    problems: [[409, 'The follow-up is already done or cancelled']],
  })
  complete(
    @Param('id', ParseId()) id: string,
    @Body() dto: CompleteFollowUpDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.followUps.complete(id, dto, who.name);
  }

  @IdempotentPost('follow-ups/:id/snooze')
  @HttpCode(200)
  @Endpoint({
    summary: 'Snooze a follow-up',
    description: 'Back to scheduled, due at `until` (which must be in the future).',
    type: FollowUpSchema,
    problems: [[409, 'The follow-up is already done or cancelled']],
  })
  snooze(
    @Param('id', ParseId()) id: string,
    @Body() dto: SnoozeFollowUpDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.followUps.snooze(id, dto.until, who.name);
  }

  /** Cancels: the follow-up stays on record, in state cancelled. */
  @Delete('follow-ups/:id')
  @Endpoint({
    summary: 'Cancel a follow-up',
    description: 'It stays on record, in state cancelled.',
    type: FollowUpSchema,
    problems: [[409, 'The follow-up is already done or cancelled']],
  })
  cancel(@Param('id', ParseId()) id: string, @CurrentPrincipal() who: Principal) {
    return this.followUps.cancel(id, who.name);
  }
}
