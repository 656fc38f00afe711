import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { ParseId } from '../common/parse-id.pipe';
import { MergeDto, SimilarQuery } from './dto/duplicates.dto';
import { withEtag } from './items.controller';
import { MergeService } from './merge.service';
import { findSimilar } from './similar';

/** Finding and folding duplicates. Registered before ItemsController: `similar` is not an id. */
@ApiTags('items')
@ApiBearerAuth()
@Controller('v1/items')
export class DuplicatesController {
  constructor(
    private readonly merges: MergeService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get('similar')
  async similar(@Query() query: SimilarQuery) {
    return {
      data: await findSimilar(
        this.db.manager,
        { title: query.text },
        { limit: query.limit, kind: query.kind, byStatement: true },
      ),
    };
  }

  @Post(':id/merge')
  @HttpCode(200)
  async merge(
    @Param('id', ParseId()) id: string,
    @Body() dto: MergeDto,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.merges.merge(id, dto.intoId, who.name));
  }
}
