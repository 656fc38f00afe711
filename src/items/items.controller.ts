import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { ParseId } from '../common/parse-id.pipe';
import { CommonErrors, ProblemError } from '../common/problem';
import { parseAsOf } from '../timeline/instant';
import { CreateItemDto, UpdateItemDto } from './dto/item.dto';
import { ListItemsQuery } from './dto/list-items.query';
import { listItems } from './items.query';
import { ItemsService } from './items.service';
import { ItemView } from './items.view';
import { findSimilar } from './similar';

/** `If-Match: "3"` (or 3) → 3; anything else is a 412 since it cannot match a version. */
export function parseIfMatch(header: string | undefined, required: boolean): number | undefined {
  if (header === undefined || header === '') {
    if (required)
      throw new ProblemError(CommonErrors.PRECONDITION_REQUIRED, 'Send If-Match with the ETag from GET');
    return undefined;
  }
  const match = /^\s*"?(\d{1,9})"?\s*$/.exec(header);
  if (!match)
    throw new ProblemError(CommonErrors.PRECONDITION_FAILED, 'If-Match does not name a version of this item');
  return Number(match[1]);
}

export function withEtag<T extends Pick<ItemView, 'version'>>(reply: FastifyReply, item: T): T {
  reply.header('ETag', `"${item.version}"`);
  return item;
}

@ApiTags('items')
@ApiBearerAuth()
@Controller('v1/items')
export class ItemsController {
  constructor(
    private readonly items: ItemsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Post()
  async create(
    @Body() dto: CreateItemDto,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const item = await this.items.create(dto, who.name);
    // Hints only, after the commit: a look-alike never blocks logging the item.
    const possibleDuplicates = await findSimilar(
      this.db.manager,
      { title: dto.title, statement: dto.statement },
      { limit: 5, kind: dto.kind, excludeId: item.id, byStatement: false },
    );
    return withEtag(reply, { ...item, possibleDuplicates });
  }

  @Get()
  list(@Query() query: ListItemsQuery) {
    return listItems(this.db.manager, query);
  }

  @Get(':id')
  @ApiQuery({
    name: 'asOf',
    required: false,
    description: 'Status and statusSince as they stood at this time (ISO 8601 with zone, or a date)',
  })
  async get(
    @Param('id', ParseId()) id: string,
    @Query('asOf') asOf: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (asOf !== undefined) return withEtag(reply, await this.items.getAsOf(id, parseAsOf(asOf)));
    return withEtag(reply, await this.items.get(id));
  }

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag from GET, e.g. "3"' })
  async update(
    @Param('id', ParseId()) id: string,
    @Body() dto: UpdateItemDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const version = parseIfMatch(ifMatch, true)!;
    return withEtag(reply, await this.items.update(id, dto, version, who.name));
  }
}
