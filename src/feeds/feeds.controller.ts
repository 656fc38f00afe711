import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { PageQuery } from '../common/pagination';
import { ParseId } from '../common/parse-id.pipe';
import { CreateFeedDto } from './dto/feed.dto';
import { FeedsService } from './feeds.service';

/** Managing subscriptions: editors create and revoke them, viewers list them (never with tokens). */
@ApiTags('feeds')
@ApiBearerAuth()
@Controller('v1/feeds')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Post()
  create(@Body() dto: CreateFeedDto, @CurrentPrincipal() who: Principal) {
    return this.feeds.create(dto, who.name);
  }

  @Get()
  list(@Query() query: PageQuery) {
    return this.feeds.list(query);
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id', ParseId()) id: string, @CurrentPrincipal() who: Principal) {
    await this.feeds.revoke(id, who.name);
  }
}
