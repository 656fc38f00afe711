import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ActorsModule } from './actors/actors.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { ApiKeysRepository } from './api-keys/api-keys.repository';
import { CandidatesModule } from './candidates/candidates.module';
import { CandidateDecisionsService } from './candidates/candidate-decisions.service';
import { CandidateAcceptance } from './items/candidate-acceptance';
import { AuthModule } from './auth/auth.module';
import { IssuedApiKeys } from './auth/issued-api-keys';
import { requestLogContext } from './common/logger';
import { ProblemFilter } from './common/problem.filter';
import { APP_CONFIG, AppConfig } from './config';
import { databaseModule, READ_REPLICA_PROVIDER } from './database/database.module';
import { ENTITIES } from './entities';
import { ReadReplica } from './database/read-replica';
import { DatabaseListener } from './database/listener';
import { ChangeCounter } from './common/conditional/change-counter';
import { ChangeCountersRepository } from './common/conditional/change-counters.repository';
import { FeedsModule } from './feeds/feeds.module';
import { WorkerPoolModule } from './common/worker-pool/worker-pool.module';
import { AutomaticFollowUps } from './follow-ups/automatic-follow-up';
import { FollowUpsModule } from './follow-ups/follow-ups.module';
import { DueDateFollowUps } from './items/due-date-follow-ups';
import { TimelineEntries } from './items/timeline-entries';
import { TimelineRepository } from './timeline/timeline.repository';
import { FxRatesModule } from './fx-rates/fx-rates.module';
import { HealthModule } from './health/health.module';
import { ImportLayouts } from './imports/layout-export';
import { ImportsModule } from './imports/imports.module';
import { PublicationsModule } from './publications/publications.module';
import { ExportLayouts } from './items/export-layouts';
import { ItemsModule } from './items/items.module';
import { MailModule } from './mail/mail.module';
import { MetricsModule } from './metrics/metrics.module';
import { RechecksModule } from './rechecks/rechecks.module';
import { RemindersModule } from './reminders/reminders.module';
import { SecurityModule } from './security/security.module';
import { SourcesModule } from './sources/sources.module';
import { StatsModule } from './stats/stats.module';
import { TimelineModule } from './timeline/timeline.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        requestLogContext,
        databaseModule(config, databaseUrl, ENTITIES),
        SecurityModule,
        AuthModule,
        ApiKeysModule,
        HealthModule,
        SourcesModule,
        ActorsModule,
        ItemsModule,
        CandidatesModule,
        TimelineModule,
        FollowUpsModule,
        FeedsModule,
        WebhooksModule,
        RemindersModule,
        RechecksModule,
        MailModule,
        StatsModule,
        FxRatesModule,
        ImportsModule,
        PublicationsModule,
        WorkerPoolModule,
        MetricsModule.forRoot(config),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ProblemFilter },
        // LISTEN belongs to a session: never through a pooler in transaction mode.
        {
          provide: DatabaseListener,
          useFactory: () => new DatabaseListener(config.DATABASE_DIRECT_URL ?? databaseUrl),
        },
        READ_REPLICA_PROVIDER(config, ENTITIES),
        ChangeCounter,
        ChangeCountersRepository,
        // Items keep a commitment's automatic follow-up through this port (see due-date-follow-ups.ts).
        { provide: DueDateFollowUps, useExisting: AutomaticFollowUps },
        // And read and move an item's timeline entries through this one (timeline-entries.ts).
        { provide: TimelineEntries, useExisting: TimelineRepository },
        // Items mark the candidate an item records accepted through this one (candidate-acceptance.ts).
        { provide: CandidateAcceptance, useExisting: CandidateDecisionsService },
        // Authentication reads the keys the api-keys feature writes through this one (issued-api-keys.ts).
        { provide: IssuedApiKeys, useExisting: ApiKeysRepository },
        // The items export writes an import's own layout through this one (export-layouts.ts).
        { provide: ExportLayouts, useExisting: ImportLayouts },
      ],
      exports: [
        APP_CONFIG,
        DatabaseListener,
        ReadReplica,
        ChangeCounter,
        DueDateFollowUps,
        TimelineEntries,
        CandidateAcceptance,
        IssuedApiKeys,
        ExportLayouts,
      ],
    };
  }
}
