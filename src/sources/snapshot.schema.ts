import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { SourceSchema } from './source.schema';
import type { SnapshotView } from './snapshots.repository';

@ApiSchema({ name: 'SourceSnapshot', description: 'An archived copy of a source as it was fetched' })
export class SnapshotSchema implements SnapshotView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sourceId: string;
  @ApiProperty({ example: 'text/html; charset=utf-8', description: 'As the server sent it' })
  contentType: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the bytes' }) sha256: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Bytes' }) size: number;
  @ApiProperty() fetchedAt: Date;
  @ApiProperty({ description: 'The URL the bytes came from, after redirects' }) finalUrl: string;
}

@ApiSchema({ name: 'FetchedSource', description: 'A source the service fetched, with its first snapshot' })
export class FetchedSourceSchema extends SourceSchema {
  @ApiProperty({ type: SnapshotSchema }) snapshot: SnapshotSchema;
}
