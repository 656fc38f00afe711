import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { parseIfMatch, withEtag } from '../common/etag';
import { ParseId } from '../common/parse-id.pipe';
import { CreateUpdateDto, ListUpdatesQuery, RetractDto } from './dto/update.dto';
import { TimelineResult, TimelineService } from './timeline.service';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: "Optional: the item's ETag; 412 when it has moved on",
};

/** The ETag of a timeline write is the item's new version: the write changed the item. */
const withItemEtag = (reply: FastifyReply, result: TimelineResult) =>
  withEtag(reply, result, result.item.version);

@ApiTags('timeline')
@ApiBearerAuth()
@Controller('v1/items/:id/updates')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Post()
  @ApiHeader(IF_MATCH)
  async append(
    @Param('id', ParseId()) id: string,
    @Body() dto: CreateUpdateDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withItemEtag(reply, await this.timeline.append(id, dto, parseIfMatch(ifMatch, false), who.name));
  }

  @Get()
  list(@Param('id', ParseId()) id: string, @Query() query: ListUpdatesQuery) {
    return this.timeline.list(id, query.limit, query.cursor);
  }

  @Post(':updateId/retract')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  async retract(
    @Param('id', ParseId()) id: string,
    @Param('updateId', ParseId('updateId')) updateId: string,
    @Body() dto: RetractDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withItemEtag(
      reply,
      await this.timeline.retract(id, updateId, dto.reason, parseIfMatch(ifMatch, false), who.name),
    );
  }
}
