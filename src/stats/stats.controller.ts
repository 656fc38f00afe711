import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiConditional } from '../common/conditional/api-conditional';
import { ChangeCounter } from '../common/conditional/change-counter';
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
    return this.changes.respond(ifNoneMatch, reply, () => this.stats.status(query), { remember: true });
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
    return this.changes.respond(ifNoneMatch, reply, () => this.money.amounts(query), { remember: true });
  }

  @Get('activity')
  @Endpoint({ summary: 'Updates and status changes per period', type: ActivityStatsSchema })
  activity(@Query() query: ActivityStatsQuery) {
    return this.stats.activity(query);
  }

  @Get('follow-ups')
  @Endpoint({ summary: 'Follow-up counts', type: FollowUpCountsSchema })
  followUps() {
    return this.stats.followUps();
  }
}
