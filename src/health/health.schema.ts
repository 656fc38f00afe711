import { ApiProperty, ApiSchema } from '@nestjs/swagger';

@ApiSchema({ name: 'Live' })
export class LiveSchema {
  @ApiProperty({ enum: ['ok'] }) status: string;
}
