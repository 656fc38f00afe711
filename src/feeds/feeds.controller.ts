import { Body, Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { PageQuery } from '../common/pagination';
import { ParseId } from '../common/parse-id.pipe';
import { CreateFeedDto } from './dto/feed.dto';
import { FeedsService } from './feeds.service';
import { Endpoint } from '../openapi/endpoint.decorator';
import { CreatedFeedSchema, FeedSchema } from './feed.schema';

/** Managing subscriptions: editors create and revoke them, viewers list them (never with tokens). */
@ApiTags('feeds')
@ApiBearerAuth()
@Controller('v1/feeds')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @IdempotentPost()
  @Endpoint({
    summary: 'Create a calendar or Atom feed',
    description:
      'The secret URL is in this answer only; calendars and feed readers subscribe to it without a key.',
    status: 201,
    type: CreatedFeedSchema,
  })
  create(@Body() dto: CreateFeedDto, @CurrentPrincipal() who: Principal) {
    return this.feeds.create(dto, who.name);
  }

  @Get()
  @Endpoint({ summary: 'List feeds', description: 'Never with their tokens.', type: FeedSchema, page: true })
  list(@Query() query: PageQuery) {
    return this.feeds.list(query);
  }

  @Delete(':id')
  @HttpCode(204)
  @Endpoint({ summary: 'Revoke a feed', status: 204 })
  async revoke(@Param('id', ParseId()) id: string, @CurrentPrincipal() who: Principal) {
    await this.feeds.revoke(id, who.name);
  }
}
