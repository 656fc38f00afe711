import { Module } from '@nestjs/common';
import { StatsController } from './stats.controller';
import { AmountsService } from './amounts.service';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

@Module({ controllers: [StatsController], providers: [StatsService, AmountsService, StatsRepository] })
export class StatsModule {}
