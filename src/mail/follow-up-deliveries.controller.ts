import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '../common/pagination';
import { ParseId } from '../common/parse-id.pipe';
import { FollowUpDeliveriesService } from './follow-up-deliveries.service';

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('v1/follow-ups')
export class FollowUpDeliveriesController {
  constructor(private readonly deliveries: FollowUpDeliveriesService) {}

  @Get(':id/deliveries')
  @ApiOperation({ summary: "A follow-up's reminder deliveries (mails and webhooks) with every attempt" })
  list(@Param('id', ParseId()) id: string, @Query() query: PageQuery) {
    return this.deliveries.list(id, query);
  }
}
