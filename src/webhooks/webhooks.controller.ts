import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, RequireRole } from '../auth/roles.decorator';
import { PageQuery } from '../common/pagination';
import { ParseId } from '../common/parse-id.pipe';
import { CreateWebhookDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  create(@Body() dto: CreateWebhookDto, @CurrentPrincipal() who: Principal) {
    return this.webhooks.create(dto, who.name);
  }

  @Get()
  list(@Query() query: PageQuery) {
    return this.webhooks.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseId()) id: string) {
    return this.webhooks.get(id);
  }

  @Get(':id/deliveries')
  deliveries(@Param('id', ParseId()) id: string, @Query() query: PageQuery) {
    return this.webhooks.deliveries(id, query);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseId()) id: string, @CurrentPrincipal() who: Principal) {
    await this.webhooks.remove(id, who.name);
  }
}
