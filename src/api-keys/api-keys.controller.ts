import { Body, Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { ParseId } from '../common/parse-id.pipe';
import { ApiKey, Role, ROLES } from '../auth/api-key.entity';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal, Principal, RequireRole } from '../auth/roles.decorator';
import { Endpoint } from '../openapi/endpoint.decorator';
import { ApiKeySchema, CreatedApiKeySchema } from './api-key.schema';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'dashboard' })
  @IsString()
  @Length(1, 100)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  @Matches(/^[^\u0000-\u001f]+$/, { message: 'name must not contain control characters' })
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;
}

function view(key: ApiKey) {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    keyPrefix: key.keyPrefix,
    createdAt: key.createdAt,
    revokedAt: key.revokedAt,
  };
}

@ApiTags('api-keys')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @IdempotentPost()
  @Endpoint({
    summary: 'Create an API key',
    description:
      'The key (`pw_…`) is in this answer only; it is stored hashed. Names are unique, revoked keys included.',
    status: 201,
    type: CreatedApiKeySchema,
    problems: [[409, 'Another API key (revoked or not) has this name: API_KEY.NAME_TAKEN']],
  })
  async create(@Body() dto: CreateApiKeyDto, @CurrentPrincipal() who: Principal) {
    const { key, secret } = await this.keys.create(dto.name, dto.role, who.name);
    return { ...view(key), key: secret };
  }

  @Get()
  @Endpoint({
    summary: 'List API keys',
    description: 'Revoked keys included (`revokedAt`).',
    type: ApiKeySchema,
    page: true,
  })
  async list(@Query() query: PageQuery) {
    const page = await this.keys.list(query);
    return { data: page.data.map(view), nextCursor: page.nextCursor };
  }

  @Delete(':id')
  @HttpCode(204)
  @Endpoint({ summary: 'Revoke an API key', description: 'Effective at once on every replica.', status: 204 })
  async revoke(@Param('id', ParseId()) id: string, @CurrentPrincipal() who: Principal) {
    await this.keys.revoke(id, who.name);
  }
}
