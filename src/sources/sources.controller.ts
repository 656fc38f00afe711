import { Body, Controller, Get, Param, Patch, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { ApiBearerAuth, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ParseId } from '../common/parse-id.pipe';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { CreateSourceDto, ListSourcesQuery, UpdateSourceDto } from './dto/source.dto';
import { SourcesService } from './sources.service';
import { SourceFetchService } from './fetching/source-fetch.service';
import { uploadedFile } from './upload/source-uploads';
import { Endpoint } from '../openapi/endpoint.decorator';
import { SourceSchema, SourceTextSchema } from './source.schema';
import { SOURCE_KINDS } from './source-kinds';

/** The multipart form of POST /v1/sources: the file and the JSON body's metadata fields. */
const UPLOAD_SCHEMA = {
  type: 'object' as const,
  required: ['file', 'url', 'title', 'language'],
  properties: {
    file: { type: 'string' as const, format: 'binary', description: 'A PDF (or HTML) file, at most 20 MB' },
    url: { type: 'string' as const, description: 'Where the document is published' },
    title: { type: 'string' as const },
    publisher: { type: 'string' as const },
    author: { type: 'string' as const },
    publishedAt: { type: 'string' as const, format: 'date-time' },
    language: { type: 'string' as const, example: 'fr' },
    kind: { type: 'string' as const, enum: [...SOURCE_KINDS] },
  },
};

@ApiTags('sources')
@ApiBearerAuth()
@Controller('v1/sources')
export class SourcesController {
  constructor(
    private readonly sources: SourcesService,
    private readonly fetcher: SourceFetchService,
  ) {}

  @IdempotentPost()
  @Endpoint({
    summary: 'Log a source',
    description:
      'The URL is canonicalised (lower-case scheme and host, no fragment, no utm_* parameters). `text` (up to 1 MB) is stored with its SHA-256 and cannot change afterwards. As multipart/form-data, `file` (a PDF or HTML file, at most 20 MB) with the same metadata fields: its text is extracted (a PDF page by page, pages separated by form feeds) and the file archived as the first snapshot; a file without readable text is 422.',
    status: 201,
    type: SourceSchema,
    body: {
      'application/json': { $ref: getSchemaPath(CreateSourceDto) },
      'multipart/form-data': UPLOAD_SCHEMA,
    },
    models: [CreateSourceDto],
    problems: [[409, 'A source with the same canonical URL exists (`existingId` in the body)']],
  })
  create(@Body() dto: CreateSourceDto, @CurrentPrincipal() who: Principal, @Req() request: FastifyRequest) {
    const file = uploadedFile(request);
    return file ? this.fetcher.upload(dto, file, who.name) : this.sources.create(dto, who.name);
  }

  @Get()
  @Endpoint({
    summary: 'List sources',
    description: 'Newest first; `q` searches title, publisher and author.',
    type: SourceSchema,
    page: true,
  })
  list(@Query() query: ListSourcesQuery) {
    return this.sources.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a source', type: SourceSchema })
  get(@Param('id', ParseId()) id: string) {
    return this.sources.get(id);
  }

  /** The stored full text, `null` when the source was logged without one (the workbench shows it). */
  @Get(':id/text')
  @Endpoint({
    summary: "A source's full text",
    description: 'null when it was logged without one.',
    type: SourceTextSchema,
  })
  async text(@Param('id', ParseId()) id: string): Promise<{ text: string | null }> {
    return { text: await this.sources.text(id) };
  }

  @Patch(':id')
  @Endpoint({
    summary: "Edit a source's metadata",
    description: 'Metadata only: a text, once set, cannot change (422).',
    type: SourceSchema,
    problems: [[409, 'The new URL is already another source']],
  })
  update(
    @Param('id', ParseId()) id: string,
    @Body() dto: UpdateSourceDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.sources.update(id, dto, who.name);
  }
}
