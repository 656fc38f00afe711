import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module';
import { ItemsModule } from '../items/items.module';
import { SourcesModule } from '../sources/sources.module';
import { CandidatesController } from './candidates.controller';
import { CandidatesService } from './candidates.service';
import { ProposedUpdates } from './proposed-updates';

/** Proposes the claims and pledges in a source's text (GET /v1/sources/:id/candidates). */
@Module({
  imports: [ItemsModule, SourcesModule, ActorsModule],
  controllers: [CandidatesController],
  providers: [CandidatesService, ProposedUpdates],
})
export class CandidatesModule {}
