import { Body, Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { PageQuery } from '../common/pagination';
import { ParseId } from '../common/parse-id.pipe';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { Endpoint } from '../openapi/endpoint.decorator';
import { FetchSourceDto } from './dto/source.dto';
import { SourceArchiveService } from './source-archive.service';
import { SourceFetchService } from './fetching/source-fetch.service';
import { FetchedSourceSchema, SnapshotSchema } from './snapshot.schema';

const BYTES = { type: 'string', format: 'binary' } as const;

/** Sources the service fetches itself, and the archived copies it keeps of them. */
@ApiTags('sources')
@ApiBearerAuth()
@Controller('v1/sources')
export class SourceArchiveController {
  constructor(
    private readonly fetcher: SourceFetchService,
    private readonly archive: SourceArchiveService,
  ) {}

  @IdempotentPost('fetch')
  @Endpoint({
    summary: 'Log a source by fetching its URL (a page or a PDF)',
    description:
      'The service fetches the URL (http(s), public addresses only, every redirect checked, at most 5 redirects, SOURCE_FETCH_MAX_BYTES and SOURCE_FETCH_TIMEOUT_MS), archives the bytes as a snapshot and stores the extracted article text (a PDF: page by page, pages separated by form feeds) with its title, byline, publication date, site name and language. A page that cannot be fetched or read is 422 with a code naming the reason, and nothing is stored.',
    status: 201,
    type: FetchedSourceSchema,
    problems: [[409, 'A source with the same canonical URL exists (`existingId` in the body)']],
  })
  fetch(@Body() dto: FetchSourceDto, @CurrentPrincipal() who: Principal) {
    return this.fetcher.fetch(dto, who.name);
  }

  @Get(':id/snapshots')
  @Endpoint({ summary: "A source's archived copies, newest first", type: SnapshotSchema, page: true })
  snapshots(@Param('id', ParseId()) id: string, @Query() query: PageQuery) {
    return this.archive.snapshots(id, query);
  }

  @Get(':id/snapshots/:sid')
  @Endpoint({
    summary: 'The archived bytes of one snapshot',
    description:
      'With the content type they were fetched with, `Content-Security-Policy: sandbox` (an archived page never runs its scripts) and `X-Content-Type-Options: nosniff`.',
    content: {
      'text/html': BYTES,
      'application/xhtml+xml': BYTES,
      'application/pdf': BYTES,
      'application/octet-stream': BYTES,
    },
  })
  async snapshot(
    @Param('id', ParseId()) id: string,
    @Param('sid', ParseId('sid')) sid: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { contentType, bytes } = await this.archive.snapshotBytes(id, sid);
    await reply
      .header('Content-Type', contentType)
      .header('Content-Security-Policy', 'sandbox')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Disposition', 'inline')
      .send(bytes);
  }
}
