import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { Counter, Gauge } from 'prom-client';
import { KeySlots } from '../common/key-slots';
import { ProblemError } from '../common/problem';
import { SharedCounter } from '../common/shared-counter';
import { WorkerPool } from '../common/worker-pool/worker-pool';
import { APP_CONFIG, AppConfig } from '../config';
import { once } from '../metrics/metrics';
import { CandidateErrors } from './candidates.errors';
import { ExtractOptions, Extracted } from './extraction/extract';
import { LEXICONS } from './extraction/lexicon';
import { MODEL } from './extraction/model';

/**
 * What the cached output depends on besides the text: the lexicons and the model's weights
 * (hashed, so an edited lexicon or a retrained model is a new version by itself) and the extraction code, whose revision is the number in front —
 * raise it with any change to src/candidates/extraction/ that changes what it finds.
 */
export const EXTRACTOR_VERSION = `4.${createHash('sha256')
  .update(JSON.stringify([LEXICONS.fr.file, LEXICONS.en.file, MODEL]))
  .digest('hex')
  .slice(0, 12)}`;

/** About 16 MB of cached candidates (the measure is characters, two bytes each, plus overhead). */
const CACHE_CHARACTERS = 8_000_000;
const TIMEOUT_RETRY_AFTER_S = 5;

const outcomes = once(
  'pledgewatch_candidate_extractions_total',
  () =>
    new Counter({
      name: 'pledgewatch_candidate_extractions_total',
      help: 'Candidate extractions by outcome: cached (no work), extracted, timeout (cut off), cancelled (the client hung up)',
      labelNames: ['outcome'],
    }),
);
const running = once(
  'pledgewatch_candidate_extractions_running',
  () =>
    new Gauge({
      name: 'pledgewatch_candidate_extractions_running',
      help: 'Candidate extractions queued or running on the worker threads',
    }),
);

type Input = { text: string } & ExtractOptions;

/**
 * The pure extraction of a text's candidates, bounded: answered from a small in-memory LRU keyed
 * by (text hash, extractor version, language, publication date) when it can be; otherwise run on
 * a worker thread, at most CANDIDATES_PER_KEY at once per API key (429; counted across replicas
 * with REDIS_URL, KeySlots), cut off after
 * CANDIDATES_TIMEOUT_MS (503), and aborted — its thread terminated — when `signal` aborts (the
 * client hung up). Only the pure output is cached: what depends on stored rows (actors, items,
 * decisions) is looked up on every request.
 */
@Injectable()
export class CandidateExtractions {
  private readonly cache = new LRUCache<string, Extracted[]>({
    maxSize: CACHE_CHARACTERS,
    sizeCalculation: (list) => 1 + list.reduce((n, e) => n + 2 * e.quote.length + 200, 0),
  });
  private readonly perKey: KeySlots;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pool: WorkerPool,
    shared: SharedCounter,
  ) {
    this.perKey = new KeySlots(shared, 'candidates', config.CANDIDATES_PER_KEY);
  }

  /** `who`: the API key's name, which the per-key limit counts. */
  async extract(input: Input, who: string, signal?: AbortSignal): Promise<Extracted[]> {
    const cacheKey = createHash('sha256')
      .update(`${EXTRACTOR_VERSION}\u0000${input.language}\u0000${input.publishedAt.toISOString()}\u0000`)
      .update(input.text)
      .digest('hex');
    const cached = this.cache.get(cacheKey);
    if (cached) {
      outcomes.inc({ outcome: 'cached' });
      return cached;
    }
    const release = await this.take(who);
    const timeout = AbortSignal.timeout(this.config.CANDIDATES_TIMEOUT_MS);
    running.inc();
    try {
      const extracted = await this.pool.run(
        'extractSourceCandidates',
        input,
        signal ? AbortSignal.any([signal, timeout]) : timeout,
      );
      outcomes.inc({ outcome: 'extracted' });
      this.cache.set(cacheKey, extracted);
      return extracted;
    } catch (error) {
      if (!WorkerPool.isAbort(error)) throw error;
      if (signal?.aborted) {
        outcomes.inc({ outcome: 'cancelled' });
        throw new ProblemError(CandidateErrors.CANCELLED);
      }
      outcomes.inc({ outcome: 'timeout' });
      throw new ProblemError(
        CandidateErrors.TIMEOUT,
        `Reading this text took more than ${this.config.CANDIDATES_TIMEOUT_MS} ms (CANDIDATES_TIMEOUT_MS); retry later`,
        { retryAfter: TIMEOUT_RETRY_AFTER_S },
      );
    } finally {
      running.dec();
      release();
    }
  }

  /** One of the key's CANDIDATES_PER_KEY slots (on every replica), or 429; the answer gives it back. */
  private async take(who: string): Promise<() => void> {
    const slot = await this.perKey.take(who);
    if (slot.release) return slot.release;
    throw new ProblemError(
      CandidateErrors.TOO_MANY_AT_ONCE,
      `This API key already runs ${slot.held} extraction(s), the most it may run at once (CANDIDATES_PER_KEY); retry when one ends`,
      { retryAfter: 1 },
    );
  }
}
