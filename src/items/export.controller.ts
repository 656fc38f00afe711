import { Controller, Get, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ParseId } from '../common/parse-id.pipe';
import { ExportItemsQuery } from './dto/export.query';
import { ItemsReadService } from './items-read.service';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' };

/** Items leaving the service: spreadsheets, data pipelines, and fact-check markup. Registered before ItemsController. */
@ApiTags('items')
@ApiBearerAuth()
@Controller('v1/items')
export class ExportController {
  constructor(private readonly reads: ItemsReadService) {}

  @Get('export')
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.ndjson)
  async export(@Query() query: ExportItemsQuery): Promise<StreamableFile> {
    const { format, ...filters } = query;
    const stream = await this.reads.export(filters, format);
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
    const review = await this.reads.claimReview(id, `${request.protocol}://${request.host}`);
    reply.header('Content-Type', 'application/ld+json; charset=utf-8');
    return review;
  }
}
