import { Module } from '@nestjs/common';
import { ActorsModule } from '../actors/actors.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { ItemsModule } from '../items/items.module';
import { SourcesModule } from '../sources/sources.module';
import { CandidateDecisionsController } from './candidate-decisions.controller';
import { CandidateDecisionsRepository } from './candidate-decisions.repository';
import { CandidateDecisionsService } from './candidate-decisions.service';
import { CandidateExtractions } from './candidate-extractions';
import { CandidatesController } from './candidates.controller';
import { CandidatesService } from './candidates.service';
import { SourceCandidatesReader } from './source-candidates';
import { ProposedUpdates } from './proposed-updates';

/**
 * Proposes the claims and pledges in a source's text (GET /v1/sources/:id/candidates) and keeps
 * reviewers' decisions on them; AppModule binds CandidateDecisionsService as items' CandidateAcceptance.
 */
@Module({
  imports: [IdempotencyModule, ItemsModule, SourcesModule, ActorsModule],
  controllers: [CandidatesController, CandidateDecisionsController],
  providers: [
    CandidatesService,
    CandidateExtractions,
    SourceCandidatesReader,
    ProposedUpdates,
    CandidateDecisionsRepository,
    CandidateDecisionsService,
  ],
  exports: [CandidateDecisionsService],
})
export class CandidatesModule {}
