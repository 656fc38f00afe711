import { Body, Controller, Delete, Headers, HttpCode, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Principal, RequireRole } from '../auth/roles.decorator';
import { parseIfMatch } from '../common/etag';
import { ParseId } from '../common/parse-id.pipe';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { Endpoint } from '../openapi/endpoint.decorator';
import { AddCitationDto } from './dto/citation.dto';
import { ItemEditsService } from './item-edits.service';
import { withItemEtag } from './item-etag';
import { ItemDetailSchema } from './item.schema';

/** Corrections after an item was logged: citations added and removed, discard and restore. */
@ApiTags('items')
@ApiBearerAuth()
@Controller('v1/items/:id')
export class ItemEditsController {
  constructor(private readonly edits: ItemEditsService) {}

  @IdempotentPost('citations')
  @Endpoint({
    summary: 'Cite a passage of any source on an item',
    description:
      'A `support`, `contradict` or `context` citation; the quote is checked against the source text (422 ITEM.QUOTE_NOT_IN_SOURCE). Bumps the version; answers with the item and its new ETag.',
    status: 201,
    type: ItemDetailSchema,
    headers: ['ETag'],
    ifMatch: 'optional',
    problems: [308],
  })
  async addCitation(
    @Param('id', ParseId()) id: string,
    @Body() dto: AddCitationDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withItemEtag(reply, await this.edits.addCitation(id, dto, parseIfMatch(ifMatch, false), who.name));
  }

  @Delete('citations/:citationId')
  @Endpoint({
    summary: 'Remove a citation from an item',
    description:
      'Any citation but an origin one (409 ITEM.ORIGIN_CITATION_KEPT). Bumps the version; answers with the item and its new ETag.',
    type: ItemDetailSchema,
    headers: ['ETag'],
    ifMatch: 'optional',
    problems: [308, [404, 'No such item, or no such citation on it'], [409, 'The citation is the origin']],
  })
  async removeCitation(
    @Param('id', ParseId()) id: string,
    @Param('citationId', ParseId('citationId')) citationId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withItemEtag(
      reply,
      await this.edits.removeCitation(id, citationId, parseIfMatch(ifMatch, false), who.name),
    );
  }

  @Delete()
  @HttpCode(204)
  @Endpoint({
    summary: 'Discard an item recorded by mistake',
    description:
      'It leaves lists, stats, feeds, similar and exports; GET then answers 410 with `discardedAt` and `discardedBy`. Audited; an admin can restore it.',
    status: 204,
    ifMatch: 'required',
    problems: [308],
  })
  async discard(
    @Param('id', ParseId()) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() who: Principal,
  ): Promise<void> {
    await this.edits.discard(id, parseIfMatch(ifMatch, true), who.name);
  }

  @IdempotentPost('restore')
  @HttpCode(200)
  @RequireRole('admin')
  @Endpoint({
    summary: 'Restore a discarded item (admin)',
    description: 'The item comes back as it was, with a new version. Audited.',
    type: ItemDetailSchema,
    headers: ['ETag'],
    problems: [[409, 'The item is not discarded']],
  })
  async restore(
    @Param('id', ParseId()) id: string,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withItemEtag(reply, await this.edits.restore(id, who.name));
  }
}
