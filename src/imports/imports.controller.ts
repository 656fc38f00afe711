import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { ParseId } from '../common/parse-id.pipe';
import { Endpoint } from '../openapi/endpoint.decorator';
import { ImportQuery } from './dto/import.query';
import { ImportPreview, ImportReport } from './import-report';
import { ImportsService } from './imports.service';
import { MAX_FILE_BYTES, readUpload } from './upload';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** Idempotent by row key rather than by Idempotency-Key: importing the same sheet again changes nothing. */
  @Post()
  @Endpoint({
    summary: 'Import a spreadsheet (CSV or XLSX) of claims and pledges',
    description: `multipart/form-data: \`file\` (at most ${MAX_FILE_BYTES / 1024 / 1024} MB), \`mapping\` (JSON, the ImportMapping schema) and \`sheet\` (an XLSX sheet's name; default the first). With dryRun=true the answer (200) says what each row would do and nothing is stored; otherwise (201) rows are written and the report kept at Location. Importing the same sheet again changes nothing; a changed row updates its item.`,
    status: 201,
    type: ImportReport,
    headers: ['Location'],
    body: {
      'multipart/form-data': {
        type: 'object',
        required: ['file', 'mapping'],
        properties: {
          file: {
            type: 'string',
            format: 'binary',
            description: 'CSV (comma or semicolon; UTF-8 or Latin-1) or XLSX',
          },
          mapping: {
            type: 'string',
            description: 'JSON: an ImportMapping',
            example: '{"title":"Promise","sourceUrl":"Source"}',
          },
          sheet: { type: 'string' },
        },
      },
    },
    problems: [
      [413, 'The file is over the limit'],
      [415, 'Not multipart/form-data'],
      [503, 'The worker pool is busy'],
    ],
  })
  @ApiResponse({
    status: 200,
    description: 'Dry run: what each row would do; nothing stored',
    content: { 'application/json': { schema: { $ref: getSchemaPath(ImportReport) } } },
  })
  async create(
    @Query() query: ImportQuery,
    @Req() request: FastifyRequest,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReport> {
    const { upload, mapping } = await readUpload(request);
    const report = await this.imports.run(upload, mapping!, query.dryRun === 'true', who.name);
    if (report.id) reply.status(201).header('Location', `/v1/imports/${report.id}`);
    else reply.status(200);
    return report;
  }

  @Post('preview')
  @HttpCode(200)
  @Endpoint({
    summary: 'Read a sheet’s columns and first rows, with a guessed mapping',
    description: 'multipart/form-data: `file` and optional `sheet`, as for an import. Stores nothing.',
    type: ImportPreview,
    body: {
      'multipart/form-data': {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary' }, sheet: { type: 'string' } },
      },
    },
    problems: [
      [413, 'The file is over the limit'],
      [415, 'Not multipart/form-data'],
      [503, 'The worker pool is busy'],
    ],
  })
  async preview(@Req() request: FastifyRequest): Promise<ImportPreview> {
    const { upload } = await readUpload(request, false);
    return this.imports.preview(upload);
  }

  @Get(':id')
  @Endpoint({
    summary: 'An import’s report',
    description: 'Counts by outcome and every row’s outcome, item and errors.',
    type: ImportReport,
    problems: [404],
  })
  get(@Param('id', ParseId()) id: string): Promise<ImportReport> {
    return this.imports.get(id);
  }
}
