import { Body, Controller, Get, Headers, Param, Patch, Query, Res } from '@nestjs/common';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { ApiBearerAuth, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { ApiConditional } from '../common/conditional/api-conditional';
import { ChangeCounter } from '../common/conditional/change-counter';
import { ifNoneMatchHolds, notModified, setValidators } from '../common/conditional/conditional-get';
import { parseIfMatch } from '../common/etag';
import { withItemEtag } from './item-etag';
import { ParseId } from '../common/parse-id.pipe';
import { INSTANT_QUERY_SCHEMA, ParseAsOf } from '../common/instant';
import { CreateItemDto, UpdateItemDto } from './dto/item.dto';
import { ListItemsQuery } from './dto/list-items.query';
import { ReadReplica } from '../database/read-replica';
import { ItemsReadService } from './items-read.service';
import { ItemsService } from './items.service';
import { Endpoint } from '../openapi/endpoint.decorator';
import { CreatedItemSchema, ItemAsOfSchema, ItemDetailSchema, ItemSchema } from './item.schema';

@ApiTags('items')
@ApiBearerAuth()
@Controller('v1/items')
export class ItemsController {
  constructor(
    private readonly items: ItemsService,
    private readonly reads: ItemsReadService,
    private readonly changes: ChangeCounter,
    private readonly replica: ReadReplica,
  ) {}

  @IdempotentPost()
  @Endpoint({
    summary: 'Log a claim or commitment',
    description:
      'Needs at least one citation with role origin; quotes are checked against the source text. `possibleDuplicates` lists look-alikes (hints only). The ETag is the new version.',
    status: 201,
    type: CreatedItemSchema,
    headers: ['ETag'],
  })
  async create(
    @Body() dto: CreateItemDto,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const item = await this.items.create(dto, who.name);
    return withItemEtag(reply, item);
  }

  /** Conditional, but not with staleDays: items go stale as time passes, with no write to count. */
  @Get()
  @Endpoint({
    summary: 'List and search items',
    description:
      'Filters combine; `q` is full-text over title, statement and quotes (French and English stemming). With `asOf`, each item also carries `statusAsOf`, its status at that time.',
    type: ItemSchema,
    page: true,
  })
  @ApiConditional({ always: false })
  list(
    @Query() query: ListItemsQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (query.staleDays) return this.replica.read(reply.request, (at) => this.reads.list(query, at.manager));
    return this.changes.respond(ifNoneMatch, reply, (m) => this.reads.list(query, m));
  }

  @Get(':id')
  @Endpoint({
    summary: 'Get an item',
    description:
      'With its citations, latest progress and next follow-up. With `asOf`, `status` and `statusSince` are as they stood then (null before its history starts), and `latestProgress` and `achieved` are the latest effective by then. A merged item answers 308 to its survivor.',
    models: [ItemDetailSchema, ItemAsOfSchema],
    content: {
      'application/json': {
        anyOf: [{ $ref: getSchemaPath(ItemDetailSchema) }, { $ref: getSchemaPath(ItemAsOfSchema) }],
      },
    },
    headers: ['ETag'],
    problems: [308],
  })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description:
      'Status, statusSince, latest progress and achieved as they stood at this time (ISO 8601 with zone, or a date)',
    schema: INSTANT_QUERY_SCHEMA,
  })
  @ApiConditional()
  async get(
    @Param('id', ParseId()) id: string,
    @Query('asOf', ParseAsOf) asOf: Date | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    reply.header('Cache-Control', 'private, no-cache');
    if (ifNoneMatch && asOf === undefined) {
      // One statement probing the version and the ETag stamp instead of the full read.
      const tag = await this.items.liveEtag(id);
      if (tag !== null && ifNoneMatchHolds(ifNoneMatch, tag)) {
        setValidators(reply, tag);
        return notModified(reply);
      }
    }
    const item = asOf === undefined ? await this.items.get(id) : await this.items.getAsOf(id, asOf);
    return withItemEtag(reply, item);
  }

  @Patch(':id')
  @Endpoint({
    summary: 'Edit an item',
    description:
      'Title, statement, tags, actors, amount, dates. Status never changes here, only through updates. Fields left out keep their stored value.',
    type: ItemDetailSchema,
    headers: ['ETag'],
    ifMatch: 'required',
    problems: [308],
  })
  async update(
    @Param('id', ParseId()) id: string,
    @Body() dto: UpdateItemDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const item = await this.items.update(id, dto, parseIfMatch(ifMatch, true), who.name);
    return withItemEtag(reply, item);
  }
}
