import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { ParseId } from '../common/parse-id.pipe';
import { claimReview } from './claim-review';
import { ExportItemsQuery } from './dto/export.query';
import { exportItems } from './export';
import { ItemsService } from './items.service';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' };

/** Items leaving the service: spreadsheets, data pipelines, and fact-check markup. Registered before ItemsController. */
@ApiTags('items')
@ApiBearerAuth()
@Controller('v1/items')
export class ExportController {
  constructor(
    private readonly items: ItemsService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get('export')
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.ndjson)
  async export(@Query() query: ExportItemsQuery): Promise<StreamableFile> {
    const { format, ...filters } = query;
    const stream = await exportItems(this.db, filters, format);
    return new StreamableFile(stream, {
      type: CONTENT_TYPES[format],
      disposition: `attachment; filename="items.${format}"`,
    });
  }

  @Get(':id/claim-review')
  async claimReview(
    @Param('id', ParseId()) id: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const item = await this.items.get(id);
    reply.header('Content-Type', 'application/ld+json; charset=utf-8');
    return claimReview(this.db.manager, item, `${request.protocol}://${request.host}`);
  }
}
