import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { SnapshotSchema } from '../sources/snapshot.schema';
import { LIVE_STATUSES, type LiveStatus } from '../sources/source-kinds';
import type { RecheckResult } from './recheck.service';

class RecheckedCitationSchema {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Whether the passage is still on the live page',
  })
  stillPresent: boolean | null;
}

@ApiSchema({ name: 'SourceRecheck', description: 'What a recheck of a source found at its URL' })
export class RecheckSchema implements RecheckResult {
  @ApiProperty({ format: 'uuid' }) sourceId: string;
  @ApiProperty({ type: String, enum: LIVE_STATUSES, nullable: true }) liveStatus: LiveStatus | null;
  @ApiProperty({ type: Date, nullable: true }) checkedAt: Date | null;
  @ApiProperty({ type: SnapshotSchema, nullable: true, description: 'A new snapshot when the bytes changed' })
  snapshot: SnapshotSchema | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why the URL could not be read this time; the status stays until it is `unreachable`',
  })
  failure: string | null;
  @ApiProperty({ type: [RecheckedCitationSchema] }) citations: RecheckedCitationSchema[];
}
