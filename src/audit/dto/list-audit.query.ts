import { INSTANT_SCHEMA, ToInstant } from '../../common/instant';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { IsText } from '../../common/validators';

/** `GET /v1/audit` filters; every one optional, combined with AND. */
export class ListAuditQuery extends PageQuery {
  @ApiPropertyOptional({
    example: 'item',
    description: 'api_key, source, actor, item, update, follow_up, webhook, …',
  })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'entityType must be a lower-case entity name such as item' })
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() entityId?: string;

  @ApiPropertyOptional({ description: 'The API key name that made the change' })
  @IsOptional()
  @IsText(100)
  actor?: string;

  @ApiPropertyOptional({
    ...INSTANT_SCHEMA,
    example: '2024-06-13T00:00:00Z',
    description: 'Changes at or after this time',
  })
  @IsOptional()
  @ToInstant()
  from?: Date;

  @ApiPropertyOptional({
    ...INSTANT_SCHEMA,
    example: '2024-06-14T00:00:00Z',
    description: 'Changes before this time',
  })
  @IsOptional()
  @ToInstant()
  to?: Date;
}
