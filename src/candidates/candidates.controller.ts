import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ParseId } from '../common/parse-id.pipe';
import { ReadReplica } from '../database/read-replica';
import { CANDIDATES_RESPONSE } from './candidates.openapi';
import { CandidatesService } from './candidates.service';

@ApiTags('sources')
@ApiBearerAuth()
@Controller('v1/sources')
export class CandidatesController {
  constructor(
    private readonly candidates: CandidatesService,
    private readonly replica: ReadReplica,
  ) {}

  @Get(':id/candidates')
  @ApiOperation({
    summary: "The claims and pledges in a source's stored text, each with a draft item (viewer)",
    description:
      'Nothing is stored. 404 unknown source; 422 CANDIDATES.NO_TEXT without text, CANDIDATES.UNSUPPORTED_LANGUAGE outside French and English.',
  })
  @ApiOkResponse({ schema: CANDIDATES_RESPONSE })
  list(@Param('id', ParseId()) id: string, @Req() request: FastifyRequest) {
    return this.replica.read(request, (at) => this.candidates.forSource(id, at.manager));
  }
}
