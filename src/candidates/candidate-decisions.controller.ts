import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ReadReplica } from '../database/read-replica';
import { Endpoint } from '../openapi/endpoint.decorator';
import { CandidateDecisionsService } from './candidate-decisions.service';
import { GOLD_RESPONSE } from './candidates.openapi';
import { CandidateDecisionsQuery } from './dto/candidates.dto';

@ApiTags('sources')
@ApiBearerAuth()
@Controller('v1/candidates')
export class CandidateDecisionsController {
  constructor(
    private readonly decisions: CandidateDecisionsService,
    private readonly replica: ReadReplica,
  ) {}

  @Get('decisions')
  @Endpoint({
    summary: "Reviewers' decisions on candidates, as evaluation data",
    description:
      'format=gold: by source, its text, the accepted candidates as labels of the extraction gold format (the items as recorded) and the dismissed ones with their reasons. Paged by source: `limit` sources (1–200, default 50) in id order, `nextCursor` for the next page.',
    content: { 'application/json': GOLD_RESPONSE },
  })
  export(@Query() query: CandidateDecisionsQuery, @Req() request: FastifyRequest) {
    return this.replica.read(request, (at) => this.decisions.gold(query, at.manager));
  }
}
