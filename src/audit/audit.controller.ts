import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/roles.decorator';
import { AuditService } from './audit.service';
import { ListAuditQuery } from './dto/list-audit.query';
import { Endpoint } from '../openapi/endpoint.decorator';
import { AuditEntrySchema } from './audit.schema';

@ApiTags('audit')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Who changed what, when: one entry per write, recorded in the write's own transaction. */
  @Get()
  @Endpoint({
    summary: 'Read the audit trail',
    description: 'Newest first.',
    type: AuditEntrySchema,
    page: true,
  })
  list(@Query() query: ListAuditQuery) {
    return this.audit.list(query);
  }
}
