import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { type Role, ROLES } from '../auth/api-key.entity';

@ApiSchema({ name: 'ApiKey' })
export class ApiKeySchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'dashboard' }) name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ description: 'The first characters of the key, to tell keys apart' }) keyPrefix: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true }) revokedAt: Date | null;
}

@ApiSchema({ name: 'CreatedApiKey' })
export class CreatedApiKeySchema extends ApiKeySchema {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The key (pw_…), shown once; null in an idempotent replay',
  })
  key: string | null;
}
