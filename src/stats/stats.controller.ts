import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ActivityStatsQuery, AmountStatsQuery, StatusStatsQuery } from './dto/stats.query';
import { StatsService } from './stats.service';

@ApiTags('stats')
@ApiBearerAuth()
@Controller('v1/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('status')
  status(@Query() query: StatusStatsQuery) {
    return this.stats.status(query);
  }

  @Get('amounts')
  amounts(@Query() query: AmountStatsQuery) {
    return this.stats.amounts(query);
  }

  @Get('activity')
  activity(@Query() query: ActivityStatsQuery) {
    return this.stats.activity(query);
  }

  @Get('follow-ups')
  followUps() {
    return this.stats.followUps();
  }
}
