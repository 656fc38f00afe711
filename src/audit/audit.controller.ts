import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequireRole } from '../auth/roles.decorator';
import { listAudit } from './audit.query';
import { ListAuditQuery } from './dto/list-audit.query';

@ApiTags('audit')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('v1/audit')
export class AuditController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Who changed what, when: one entry per write, recorded in the write's own transaction. */
  @Get()
  list(@Query() query: ListAuditQuery) {
    return listAudit(this.db.manager, query);
  }
}
