import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiConditional } from '../common/conditional/api-conditional';
import { ChangeCounter } from '../common/conditional/change-counter';
import { ReadReplica } from '../database/read-replica';
import { AmountsResponseDto } from './dto/amounts.response';
import { ActivityStatsQuery, AmountStatsQuery, StatusStatsQuery } from './dto/stats.query';
import { AmountsService } from './amounts.service';
import { StatsService } from './stats.service';
import { Endpoint } from '../openapi/endpoint.decorator';
import { ActivityStatsSchema, FollowUpCountsSchema, StatusCountsSchema } from './stats.schema';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('v1/stats')
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly changes: ChangeCounter,
    private readonly money: AmountsService,
    private readonly replica: ReadReplica,
  ) {}

  @Get('status')
  @Endpoint({
    summary: 'Count items by status',
    description: 'Optionally as they stood at `asOf`.',
    type: StatusCountsSchema,
  })
  @ApiConditional()
  status(
    @Query() query: StatusStatsQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.changes.respond(ifNoneMatch, reply, (m) => this.stats.status(query, m), {
      remember: true,
    });
  }

  @Get('amounts')
  @ApiOperation({
    summary:
      'Pledged (and pledgedMax), committed, allocated and delivered per group; optionally converted (docs/money.md)',
  })
  @ApiOkResponse({ type: AmountsResponseDto })
  @ApiConditional()
  amounts(
    @Query() query: AmountStatsQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.changes.respond(ifNoneMatch, reply, (m) => this.money.amounts(query, m), {
      remember: true,
    });
  }

  @Get('activity')
  @Endpoint({ summary: 'Updates and status changes per period', type: ActivityStatsSchema })
  activity(@Query() query: ActivityStatsQuery, @Req() request: FastifyRequest) {
    return this.replica.read(request, (at) => this.stats.activity(query, at.manager));
  }

  @Get('follow-ups')
  @Endpoint({ summary: 'Follow-up counts', type: FollowUpCountsSchema })
  followUps(@Req() request: FastifyRequest) {
    return this.replica.read(request, (at) => this.stats.followUps(at.manager));
  }
}
