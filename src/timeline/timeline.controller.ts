import { Body, Controller, Get, Headers, HttpCode, Param, Query, Res } from '@nestjs/common';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { parseIfMatch, withEtag } from '../common/etag';
import { ParseId } from '../common/parse-id.pipe';
import { CreateUpdateDto, ListUpdatesQuery, RetractDto } from './dto/update.dto';
import { TimelineResult, TimelineService } from './timeline.service';
import { Endpoint } from '../openapi/endpoint.decorator';
import { UpdateResultSchema, UpdateSchema } from './update.schema';

/** The ETag of a timeline write is the item's new version: the write changed the item. */
const withItemEtag = (reply: FastifyReply, result: TimelineResult) =>
  withEtag(reply, result, result.item.version);

@ApiTags('timeline')
@ApiBearerAuth()
@Controller('v1/items/:id/updates')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @IdempotentPost()
  @Endpoint({
    summary: "Add an update to an item's timeline",
    description:
      'A status change, progress, or both, with a note. Verdicts need evidence. The answer carries the new ETag.',
    status: 201,
    type: UpdateResultSchema,
    headers: ['ETag'],
    ifMatch: 'optional',
    problems: [308],
  })
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
  @Endpoint({
    summary: "List an item's timeline",
    description: 'By effectiveAt, then recordedAt; retracted entries included.',
    type: UpdateSchema,
    page: true,
    problems: [308],
  })
  list(@Param('id', ParseId()) id: string, @Query() query: ListUpdatesQuery) {
    return this.timeline.list(id, query.limit, query.cursor);
  }

  @IdempotentPost(':updateId/retract')
  @HttpCode(200)
  @Endpoint({
    summary: 'Retract an update',
    description: "It stays in the timeline, flagged; the item's status is recomputed.",
    type: UpdateResultSchema,
    headers: ['ETag'],
    ifMatch: 'optional',
    problems: [308, [409, 'The update is already retracted']],
  })
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
