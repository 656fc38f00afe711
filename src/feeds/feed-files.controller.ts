import { Controller, Get, Headers, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { ApiConditional } from '../common/conditional/api-conditional';
import { setValidators } from '../common/conditional/conditional-get';
import { TokenBudget } from '../security/request-budget';
import { Endpoint } from '../openapi/endpoint.decorator';
import { FeedDocumentsService } from './feed-documents.service';

export class FeedFileQuery {
  @ApiPropertyOptional({ description: 'Atom only: the next page, as given by rel="next"' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'before must be the position given by the rel="next" link' })
  before?: string;
}

/**
 * The subscription URLs. No API key: the secret token in the path is the credential (a key in
 * the query string would end up in logs and calendar apps, so none is ever accepted). Rate
 * limited per token like a key.
 */
@ApiTags('feeds')
@Controller('feeds')
export class FeedFilesController {
  constructor(private readonly documents: FeedDocumentsService) {}

  @Public()
  @UseGuards(TokenBudget('file'))
  @Get(':file')
  @Endpoint({
    summary: 'A calendar (<token>.ics) or Atom feed (<token>.atom)',
    description: 'Open: the secret token in the path is the credential. Rate limited per token.',
    content: {
      'text/calendar': { type: 'string', description: 'RFC 5545' },
      'application/atom+xml': { type: 'string', description: 'RFC 4287' },
    },
    headers: ['ETag'],
    problems: [[404, 'No such feed, or revoked'], 429],
  })
  @ApiParam({ name: 'file', example: 'pwf_…​.ics' })
  @ApiConditional()
  async file(
    @Param('file') file: string,
    @Query() query: FeedFileQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const document = await this.documents.get(file, query.before, ifNoneMatch);
    setValidators(reply, document.etag);
    if (document.notModified) return void reply.code(304).send();
    await reply.header('Content-Type', document.contentType).send(document.body);
  }
}
