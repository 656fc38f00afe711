import { Body, Controller, Get, HttpCode, Param, Query, Req, Res } from '@nestjs/common';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { withItemEtag } from './item-etag';
import { ParseId } from '../common/parse-id.pipe';
import { ReadReplica } from '../database/read-replica';
import { MergeDto, SimilarQuery } from './dto/duplicates.dto';
import { MergeService } from './merge.service';
import { SimilarItems } from './similar';
import { Endpoint } from '../openapi/endpoint.decorator';
import { ItemDetailSchema, SimilarItemsSchema } from './item.schema';

/** Finding and folding duplicates. Registered before ItemsController: `similar` is not an id. */
@ApiTags('items')
@ApiBearerAuth()
@Controller('v1/items')
export class DuplicatesController {
  constructor(
    private readonly merges: MergeService,
    private readonly similarItems: SimilarItems,
    private readonly replica: ReadReplica,
  ) {}

  @Get('similar')
  @Endpoint({
    summary: 'Find items like a text',
    description: 'Existing items that look like the same claim or pledge, best first, with a score.',
    type: SimilarItemsSchema,
  })
  async similar(@Query() query: SimilarQuery, @Req() request: FastifyRequest) {
    const options = { limit: query.limit, kind: query.kind };
    return {
      data: await this.replica.read(request, (at) =>
        this.similarItems.search(query.text, options, at.manager),
      ),
    };
  }

  @IdempotentPost(':id/merge')
  @HttpCode(200)
  @Endpoint({
    summary: 'Merge a duplicate into another item',
    description:
      'Citations, updates and follow-ups move to `intoId`; the merged id then answers 308 to the survivor. Answers with the survivor.',
    type: ItemDetailSchema,
    headers: ['ETag'],
    problems: [308, [409, 'One of the two items was already merged']],
  })
  async merge(
    @Param('id', ParseId()) id: string,
    @Body() dto: MergeDto,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const survivor = await this.merges.merge(id, dto.intoId, who.name);
    return withItemEtag(reply, survivor);
  }
}
