import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '../common/pagination';
import { ParseId } from '../common/parse-id.pipe';
import { Endpoint } from '../openapi/endpoint.decorator';
import { FollowUpDeliveriesService } from './follow-up-deliveries.service';
import { ReminderDeliverySchema } from './reminder-delivery.schema';

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller('v1/follow-ups')
export class FollowUpDeliveriesController {
  constructor(private readonly deliveries: FollowUpDeliveriesService) {}

  @Get(':id/deliveries')
  @Endpoint({
    summary: "A follow-up's reminder deliveries",
    description:
      'Mails and webhook calls of its follow_up.due events, newest first, each with every attempt.',
    type: ReminderDeliverySchema,
    page: true,
  })
  list(@Param('id', ParseId()) id: string, @Query() query: PageQuery) {
    return this.deliveries.list(id, query);
  }
}
