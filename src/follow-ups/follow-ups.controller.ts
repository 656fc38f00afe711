import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('v1')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Post('items/:id/follow-ups')
  create(
    @Param('id', ParseId()) itemId: string,
    @Body() dto: CreateFollowUpDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.followUps.create(itemId, dto, who.name);
  }

  @Get('follow-ups')
  list(@Query() query: ListFollowUpsQuery) {
    return this.followUps.list(query);
  }

  @Get('follow-ups/:id')
  get(@Param('id', ParseId()) id: string) {
    return this.followUps.get(id);
  }

  @Post('follow-ups/:id/complete')
  @HttpCode(200)
  complete(
    @Param('id', ParseId()) id: string,
    @Body() dto: CompleteFollowUpDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.followUps.complete(id, dto, who.name);
  }

  @Post('follow-ups/:id/snooze')
  @HttpCode(200)
  snooze(
    @Param('id', ParseId()) id: string,
    @Body() dto: SnoozeFollowUpDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.followUps.snooze(id, dto.until, who.name);
  }

  /** Cancels: the follow-up stays on record, in state cancelled. */
  @Delete('follow-ups/:id')
  cancel(@Param('id', ParseId()) id: string, @CurrentPrincipal() who: Principal) {
    return this.followUps.cancel(id, who.name);
  }
}
