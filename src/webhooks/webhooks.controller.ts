import { Body, Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, RequireRole } from '../auth/roles.decorator';
import { PageQuery } from '../common/pagination';
import { ParseId } from '../common/parse-id.pipe';
import { CreateWebhookDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';
import { Endpoint } from '../openapi/endpoint.decorator';
import { CreatedWebhookSchema, DeliverySchema, WebhookSchema } from './webhook.schema';

@ApiTags('webhooks')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @IdempotentPost()
  @Endpoint({
    summary: 'Subscribe a webhook',
    description:
      'Deliveries are signed with Standard Webhooks headers; the `secret` is in this answer only. Private, loopback and link-local targets are refused unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true.',
    status: 201,
    type: CreatedWebhookSchema,
    problems: [[409, 'This API key has too many webhooks']],
  })
  create(@Body() dto: CreateWebhookDto, @CurrentPrincipal() who: Principal) {
    return this.webhooks.create(dto, who.name);
  }

  @Get()
  @Endpoint({ summary: 'List webhooks', type: WebhookSchema, page: true })
  list(@Query() query: PageQuery) {
    return this.webhooks.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a webhook', type: WebhookSchema })
  get(@Param('id', ParseId()) id: string) {
    return this.webhooks.get(id);
  }

  @Get(':id/deliveries')
  @Endpoint({
    summary: "List a webhook's deliveries",
    description: 'Each with its attempts, status codes and times.',
    type: DeliverySchema,
    page: true,
  })
  deliveries(@Param('id', ParseId()) id: string, @Query() query: PageQuery) {
    return this.webhooks.deliveries(id, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @Endpoint({ summary: 'Delete a webhook', status: 204 })
  async remove(@Param('id', ParseId()) id: string, @CurrentPrincipal() who: Principal) {
    await this.webhooks.remove(id, who.name);
  }
}
