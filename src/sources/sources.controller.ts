import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseId } from '../common/parse-id.pipe';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { CreateSourceDto, ListSourcesQuery, UpdateSourceDto } from './dto/source.dto';
import { SourcesService } from './sources.service';
import { Endpoint } from '../openapi/endpoint.decorator';
import { SourceSchema, SourceTextSchema } from './source.schema';

@ApiTags('sources')
@ApiBearerAuth()
@Controller('v1/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @IdempotentPost()
  @Endpoint({
    summary: 'Log a source',
    description:
      'The URL is canonicalised (lower-case scheme and host, no fragment, no utm_* parameters). `text` (up to 1 MB) is stored with its SHA-256 and cannot change afterwards.',
    status: 201,
    type: SourceSchema,
    problems: [[409, 'A source with the same canonical URL exists (`existingId` in the body)']],
  })
  create(@Body() dto: CreateSourceDto, @CurrentPrincipal() who: Principal) {
    return this.sources.create(dto, who.name);
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
