import { Controller, Get, Inject, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { ParseId } from '../common/parse-id.pipe';
import { APP_CONFIG, AppConfig } from '../config';
import { ReadReplica } from '../database/read-replica';
import { jsonLdText } from './claim-review';
import { ExportSlots } from './export-slots';
import { ExportLayouts } from './export-layouts';
import type { ExportFormat } from './export';
import { invalid } from '../common/problem';
import { ClaimReviewQuery, ExportItemsQuery } from './dto/export.query';
import { ItemsReadService } from './items-read.service';
import { Endpoint } from '../openapi/endpoint.decorator';
import { ClaimReviewSchema } from './item.schema';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' };

/** Items leaving the service: spreadsheets, data pipelines, and fact-check markup. Registered before ItemsController. */
@ApiTags('items')
@ApiBearerAuth()
@Controller('v1/items')
export class ExportController {
  constructor(
    private readonly reads: ItemsReadService,
    private readonly slots: ExportSlots,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly replica: ReadReplica,
    private readonly layouts: ExportLayouts,
  ) {}

  /**
   * Streamed; at most EXPORTS_PER_KEY at once per key and EXPORT_CONCURRENCY in all (429 past
   * them), and cut off when its reader takes nothing for EXPORT_IDLE_TIMEOUT_MS.
   */
  @Get('export')
  @Endpoint({
    summary: 'Export items',
    description:
      "With the list filters; streamed as CSV (default) or NDJSON. With layout=<import id>: the items of that import in the imported sheet's own columns, as CSV or XLSX (docs/imports.md).",
    content: {
      'text/csv': {
        type: 'string',
        description:
          'RFC 4180, UTF-8 with a BOM, CRLF records. A cell starting with = + - @ (or tab, CR) gets a leading \' (formula guard) unless formulaGuard=false. Tags are joined with "; " and split back on it exactly (a tag never holds ";"). `citations`: each citation, oldest first, as `<role> <source URL>` followed by ` p. <n>` when the source\'s text has pages (a PDF), joined with "; ".',
      },
      'application/x-ndjson': {
        type: 'string',
        description:
          'One item per line: the fields of the Item schema, and `citations` as `[{sourceId, role, url, page}]` (`page` null where the text has no pages)',
      },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        type: 'string',
        format: 'binary',
        description: "With layout: the import's sheet, its columns and the items' current values",
      },
    },
    problems: [[404, 'No import has the id given as layout']],
  })
  async export(
    @Query() query: ExportItemsQuery,
    @CurrentPrincipal() who: Principal,
    @Req() request: FastifyRequest,
  ): Promise<StreamableFile> {
    const { format, formulaGuard, layout, ...filters } = query;
    if (layout !== undefined || format === 'xlsx') return this.laidOut(layout, format);
    const release = await this.slots.acquire(who.keyId);
    let stream: Readable;
    try {
      stream = await this.replica.read(request, (at) =>
        this.reads.export(filters, { format, formulaGuard: formulaGuard === 'true' }, at.dataSource),
      );
    } catch (error) {
      release();
      throw error;
    }
    // A stalled reader leaves the socket idle: destroying it ends the stream, which frees its connection.
    const socket = request.raw.socket as Socket | undefined;
    const idleBefore = socket?.timeout ?? 0;
    if (typeof socket?.setTimeout === 'function')
      socket.setTimeout(this.config.EXPORT_IDLE_TIMEOUT_MS, () => socket.destroy());
    const done = () => {
      release();
      if (socket && !socket.destroyed && typeof socket.setTimeout === 'function')
        socket.setTimeout(idleBefore);
    };
    stream.once('end', done);
    stream.once('close', done);
    return new StreamableFile(stream, {
      type: CONTENT_TYPES[format],
      disposition: `attachment; filename="items.${format}"`,
    });
  }

  /** The items of an import in its sheet's columns: small (one tracker), so written whole, not streamed. */
  private async laidOut(layout: string | undefined, format: ExportFormat | 'xlsx'): Promise<StreamableFile> {
    if (layout === undefined)
      throw invalid('layout', "format=xlsx writes an import's own columns: give layout=<import id>");
    if (format === 'ndjson') throw invalid('format', 'a layout is written as csv or xlsx');
    const file = await this.layouts.write(layout, format);
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }

  @Get(':id/claim-review')
  @Endpoint({
    summary: 'schema.org ClaimReview of a claim',
    description:
      'JSON-LD for search engines, for a claim with a verdict (confirmed, misleading, disputed, refuted); 422 otherwise.',
    mediaType: 'application/ld+json',
    type: ClaimReviewSchema,
    problems: [308],
  })
  async claimReview(
    @Param('id', ParseId()) id: string,
    @Query() query: ClaimReviewQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const review = await this.reads.claimReview(id, this.config.PUBLIC_BASE_URL, query.url);
    reply.header('Content-Type', 'application/ld+json; charset=utf-8');
    return jsonLdText(review);
  }
}
