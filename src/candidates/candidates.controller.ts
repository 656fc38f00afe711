import { Body, Controller, Get, HttpCode, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { ParseId } from '../common/parse-id.pipe';
import { ReadReplica } from '../database/read-replica';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { Endpoint } from '../openapi/endpoint.decorator';
import { CandidateDecisionsService } from './candidate-decisions.service';
import { CANDIDATES_RESPONSE, DISMISSED_RESPONSE } from './candidates.openapi';
import { CandidatesService } from './candidates.service';
import { clientGone } from './client-gone';
import { DismissCandidateDto, ListCandidatesQuery } from './dto/candidates.dto';
import { ParseCandidateKey } from './parse-candidate-key.pipe';

@ApiTags('sources')
@ApiBearerAuth()
@Controller('v1/sources')
export class CandidatesController {
  constructor(
    private readonly candidates: CandidatesService,
    private readonly decisions: CandidateDecisionsService,
    private readonly replica: ReadReplica,
  ) {}

  @Get(':id/candidates')
  @ApiOperation({
    summary: "The claims and pledges in a source's stored text, each with a draft item (viewer)",
    description:
      'Nothing is stored. 404 unknown source; 422 CANDIDATES.NO_TEXT without text, CANDIDATES.UNSUPPORTED_LANGUAGE outside French and English; 429 CANDIDATES.TOO_MANY_AT_ONCE past CANDIDATES_PER_KEY extractions at once; 503 CANDIDATES.TIMEOUT past CANDIDATES_TIMEOUT_MS. Dismissed candidates only with include=dismissed.',
  })
  @ApiOkResponse({ schema: CANDIDATES_RESPONSE })
  list(
    @Param('id', ParseId()) id: string,
    @Query() query: ListCandidatesQuery,
    @CurrentPrincipal() who: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const options = { who: who.name, signal: clientGone(reply), includeDismissed: !!query.include };
    return this.replica.read(request, (at) => this.candidates.forSource(id, options, at.manager));
  }

  @IdempotentPost(':id/candidates/:key/dismiss')
  @HttpCode(200)
  @Endpoint({
    summary: "Dismiss one of a source's candidates",
    description:
      'Hidden from the candidates from then on (include=dismissed shows it, marked); again: the new reason. 404 CANDIDATES.NOT_FOUND when the source has no candidate with this key.',
    content: { 'application/json': DISMISSED_RESPONSE },
    problems: [[409, 'CANDIDATES.ALREADY_ACCEPTED: an item records this candidate']],
  })
  dismiss(
    @Param('id', ParseId()) id: string,
    @Param('key', new ParseCandidateKey()) key: string,
    @Body() dto: DismissCandidateDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.decisions.dismiss(id, key, dto.reason ?? null, who.name);
  }
}
