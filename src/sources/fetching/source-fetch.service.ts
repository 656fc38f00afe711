import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ErrorSpec, invalid, ProblemError } from '../../common/problem';
import { WorkerPool } from '../../common/worker-pool/worker-pool';
import { APP_CONFIG, AppConfig } from '../../config';
import { CreateSourceDto, FetchSourceDto } from '../dto/source.dto';
import type { UploadedFile } from '../upload/source-uploads';
import type { ExtractedDocument } from '../extraction/extract-document';
import { SnapshotsRepository, SnapshotView } from '../snapshots.repository';
import { Source } from '../source.entity';
import { SourcesRepository } from '../sources.repository';
import { SourcesService } from '../sources.service';
import { FetchErrors } from './fetch.errors';
import { FetchedPage, FetchFailure, FetchFailureReason, FetchLimits, fetchPage } from './fetch-page';

const MAX_TEXT = 1024 * 1024;
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

const FAILURES: Record<FetchFailureReason, ErrorSpec> = {
  bad_url: FetchErrors.UNREACHABLE,
  private_address: FetchErrors.PRIVATE_ADDRESS,
  too_many_redirects: FetchErrors.TOO_MANY_REDIRECTS,
  timeout: FetchErrors.TIMEOUT,
  too_large: FetchErrors.TOO_LARGE,
  unreachable: FetchErrors.UNREACHABLE,
};

export type FetchedSource = Source & { snapshot: SnapshotView };
type SourceFields = Pick<
  Source,
  'url' | 'canonicalUrl' | 'title' | 'publisher' | 'author' | 'publishedAt' | 'language' | 'kind'
>;

/** A document as fetched and read: its bytes (the snapshot) and what was extracted from them. */
export interface ReadDocument {
  contentType: string;
  finalUrl: string;
  bytes: Buffer;
  document: ExtractedDocument;
}

/**
 * POST /v1/sources/fetch: the service fetches the page itself, archives its bytes as a snapshot
 * and stores the article's text as the source's text, in one transaction. Every failure is a 422
 * naming its reason, raised before anything is written.
 */
@Injectable()
export class SourceFetchService {
  constructor(
    private readonly sources: SourcesService,
    private readonly repository: SourcesRepository,
    private readonly snapshots: SnapshotsRepository,
    private readonly pool: WorkerPool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get limits(): FetchLimits {
    return {
      maxBytes: this.config.SOURCE_FETCH_MAX_BYTES,
      timeoutMs: this.config.SOURCE_FETCH_TIMEOUT_MS,
      maxRedirects: 5,
      allowPrivate: this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
    };
  }

  async fetch(dto: FetchSourceDto, by: string): Promise<FetchedSource> {
    const canonicalUrl = this.sources.canonical(dto.url);
    // Before fetching: a known page costs no download.
    await this.sources.assertUrlFree(undefined, canonicalUrl);
    const read = await this.read(dto.url);
    const doc = read.document;
    const language = dto.language ?? doc.language;
    if (!language)
      throw new ProblemError(
        FetchErrors.LANGUAGE_NOT_DETECTED,
        `No language tag on ${dto.url} and none recognised in its text`,
      );
    const fields = {
      url: dto.url,
      canonicalUrl,
      title: cut(doc.title ?? new URL(read.finalUrl).hostname, 1000),
      publisher: doc.siteName ? cut(doc.siteName, 300) : null,
      author: doc.byline ? cut(doc.byline, 300) : null,
      publishedAt: doc.publishedAt ? new Date(doc.publishedAt) : null,
      language,
      kind: dto.kind ?? (doc.mediaType === 'application/pdf' ? 'report' : 'news_article'),
    };
    return this.store(fields, read, by);
  }

  /**
   * `POST /v1/sources` with a file (multipart): the metadata as sent (what the file says fills
   * what was left out), the text read from the file, the file archived as the first snapshot.
   */
  async upload(dto: CreateSourceDto, file: UploadedFile, by: string): Promise<Source> {
    if (dto.text != null) throw invalid('text', 'send either a file or a text, not both');
    const canonicalUrl = this.sources.canonical(dto.url);
    await this.sources.assertUrlFree(undefined, canonicalUrl);
    const read = await this.extract({
      status: 200,
      finalUrl: dto.url,
      contentType: file.contentType,
      bytes: file.bytes,
    });
    const doc = read.document;
    const published = dto.publishedAt ?? doc.publishedAt;
    const fields = {
      url: dto.url,
      canonicalUrl,
      title: dto.title,
      publisher: dto.publisher ?? (doc.siteName ? cut(doc.siteName, 300) : null),
      author: dto.author ?? (doc.byline ? cut(doc.byline, 300) : null),
      publishedAt: published ? new Date(published) : null,
      language: dto.language,
      kind: dto.kind ?? (doc.mediaType === 'application/pdf' ? 'report' : 'news_article'),
    };
    const { snapshot: _, ...source } = await this.store(fields, read, by); // POST /v1/sources answers a Source
    return source;
  }

  /** The source, its first snapshot and its place in the recheck schedule, in one transaction. */
  private store(fields: SourceFields, read: ReadDocument, by: string): Promise<FetchedSource> {
    const { text, mediaType } = read.document;
    return this.sources.transaction(async (m) => {
      const saved = await this.sources.record(
        m,
        { ...fields, text, contentHash: sha256(text), mediaType },
        by,
      );
      const snapshot = await this.snapshots.insert(m, {
        sourceId: saved.id,
        contentType: read.contentType,
        sha256: sha256(read.bytes),
        finalUrl: read.finalUrl,
        bytes: read.bytes,
      });
      await this.repository.scheduleRecheck(m, saved.id, this.config.RECHECK_EVERY);
      return { ...(await this.sources.get(saved.id, m)), snapshot };
    });
  }

  /** Fetches and extracts (on a worker thread); a 422 naming the reason when either fails. */
  async read(url: string): Promise<ReadDocument> {
    const page = await fetchPage(url, this.limits).catch((error: unknown) => {
      if (error instanceof FetchFailure) throw new ProblemError(FAILURES[error.reason], error.message);
      throw error;
    });
    if (page.status < 200 || page.status > 299)
      throw new ProblemError(FetchErrors.UPSTREAM_STATUS, `${page.finalUrl} answered ${page.status}`, {
        upstreamStatus: page.status,
      });
    return this.extract(page);
  }

  /** The text and metadata of a fetched 2xx answer, read on a worker thread; 422 when there is no text. */
  async extract(page: FetchedPage): Promise<ReadDocument> {
    const contentType = page.contentType || 'application/octet-stream';
    const extraction = await this.pool.run('extractDocument', {
      bytes: page.bytes,
      contentType,
      url: page.finalUrl,
    });
    if (!extraction.ok)
      throw new ProblemError(
        extraction.reason === 'unreadable' ? FetchErrors.NO_READABLE_TEXT : FetchErrors.NOT_HTML_OR_PDF,
        extraction.detail,
      );
    const { document } = extraction;
    if (!document.text.trim())
      throw new ProblemError(FetchErrors.NO_READABLE_TEXT, `No article text found in ${page.finalUrl}`);
    if (document.text.length > MAX_TEXT)
      throw new ProblemError(
        FetchErrors.TEXT_TOO_LONG,
        `${document.text.length} characters of text; at most ${MAX_TEXT}`,
      );
    return { contentType, finalUrl: page.finalUrl, bytes: page.bytes, document };
  }
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
