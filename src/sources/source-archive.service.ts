import { Injectable } from '@nestjs/common';
import { Page, PageQuery } from '../common/pagination';
import { ProblemError } from '../common/problem';
import { SnapshotsRepository, SnapshotView } from './snapshots.repository';
import { SourceErrors } from './sources.errors';
import { SourcesService } from './sources.service';

/** The media types a snapshot is served as; anything else goes out as opaque bytes. */
const SERVED = new Set(['text/html', 'application/xhtml+xml', 'application/pdf']);

/** Reading the archive: a source's snapshots and their bytes. */
@Injectable()
export class SourceArchiveService {
  constructor(
    private readonly sources: SourcesService,
    private readonly repository: SnapshotsRepository,
  ) {}

  async snapshots(sourceId: string, query: PageQuery): Promise<Page<SnapshotView>> {
    await this.sources.get(sourceId); // 404 for an unknown source rather than an empty list
    return this.repository.page(sourceId, query);
  }

  async snapshotBytes(sourceId: string, id: string): Promise<{ contentType: string; bytes: Buffer }> {
    const found = await this.repository.bytes(sourceId, id);
    if (!found)
      throw new ProblemError(SourceErrors.SNAPSHOT_NOT_FOUND, `Source ${sourceId} has no snapshot ${id}`);
    const media = found.contentType.split(';')[0].trim().toLowerCase();
    return {
      contentType: SERVED.has(media) ? found.contentType : 'application/octet-stream',
      bytes: found.bytes,
    };
  }
}
