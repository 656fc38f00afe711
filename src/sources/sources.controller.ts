import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ParseId } from '../common/parse-id.pipe';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { CreateSourceDto, ListSourcesQuery, UpdateSourceDto } from './dto/source.dto';
import { SourcesService } from './sources.service';

@ApiTags('sources')
@ApiBearerAuth()
@Controller('v1/sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Post()
  create(@Body() dto: CreateSourceDto, @CurrentPrincipal() who: Principal) {
    return this.sources.create(dto, who.name);
  }

  @Get()
  list(@Query() query: ListSourcesQuery) {
    return this.sources.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseId()) id: string) {
    return this.sources.get(id);
  }

  /** The stored full text, `null` when the source was logged without one (the workbench shows it). */
  @Get(':id/text')
  @ApiOperation({ summary: 'The stored full text of a source (null when it was logged without one)' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['text'],
      properties: { text: { type: 'string', nullable: true } },
    },
  })
  async text(@Param('id', ParseId()) id: string): Promise<{ text: string | null }> {
    return { text: await this.sources.text(id) };
  }

  @Patch(':id')
  update(
    @Param('id', ParseId()) id: string,
    @Body() dto: UpdateSourceDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.sources.update(id, dto, who.name);
  }
}
