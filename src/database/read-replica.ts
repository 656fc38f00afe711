import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { DataSource, EntityManager } from 'typeorm';
import { WalPositionsRepository } from './wal-positions.repository';

/** Where one request reads: the primary, or the replica of DATABASE_READ_URL. */
export interface ReadTarget {
  manager: EntityManager;
  dataSource: DataSource;
  replica: boolean;
}

/** The response header that carries a write's commit position, and the request header that may bring one back. */
export const LSN_HEADER = 'x-pledgewatch-lsn';
export const MIN_LSN_HEADER = 'x-pledgewatch-min-lsn';
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;
/** How often a read that waits for the replica asks how far it has replayed. */
const POLL_MS = 10;
/** How long reads avoid a replica that failed to answer. */
const AVOID_MS = 1000;

/** A WAL position (`16/B374D848`) as a number, to compare. */
export function lsnValue(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

export interface ReadReplicaOptions {
  /** How long a read by a key that just wrote waits for the replica before it reads the primary. */
  waitMs: number;
  /** Keys whose last write position is remembered (least recently used dropped first). */
  maxKeys?: number;
}

/**
 * Sends reads to the replica of DATABASE_READ_URL (lists, stats, exports, feeds, candidates,
 * look-alikes), keeping read-your-writes: each write request remembers the primary's WAL position
 * after its commit for its API key; a read by that key goes to the replica only once the replica
 * has replayed that far, waiting up to READ_YOUR_WRITES_WAIT_MS, else to the primary. Other keys
 * read the replica at once. Without DATABASE_READ_URL every read goes to the primary, as before.
 */
export class ReadReplica implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ReadReplica');
  private readonly written: LRUCache<string, string>;
  private readonly positions = new WalPositionsRepository();
  private readonly primaryTarget: ReadTarget;
  private replicaTarget?: ReadTarget;
  /** The furthest replay position seen: replay only moves forward, so anything up to it is there. */
  private replayed = 0n;
  /** After the replica failed to answer, reads go to the primary until then (no connect timeout per request). */
  private avoidUntil = 0;

  constructor(
    private readonly primary: DataSource,
    private readonly replica: DataSource | undefined,
    private readonly options: ReadReplicaOptions,
  ) {
    this.primaryTarget = { manager: primary.manager, dataSource: primary, replica: false };
    // `maxSize` (one per key) rather than `max`, which would allocate arrays for all 100,000 keys at
    // start (2.7 MB), with or without a replica (docs/performance.md, "Resident memory").
    this.written = new LRUCache({ maxSize: options.maxKeys ?? 100_000, sizeCalculation: () => 1 });
  }

  get enabled(): boolean {
    return this.replica !== undefined;
  }

  async onModuleInit(): Promise<void> {
    if (!this.replica) return;
    if (!this.replica.isInitialized) await this.replica.initialize();
    this.replicaTarget = { manager: this.replica.manager, dataSource: this.replica, replica: true };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.replica?.isInitialized) await this.replica.destroy();
  }

  /** The primary, for a read that must see the newest state (e.g. the client holds a newer tag). */
  get primaryRead(): ReadTarget {
    return this.primaryTarget;
  }

  /**
   * After a write request of `keyId` answered: the primary's WAL position now, at or past the
   * write's commit; remembered for the key and returned for the response header.
   */
  async wrote(keyId: string): Promise<string> {
    const lsn = await this.positions.inserted(this.primary);
    this.remember(keyId, lsn);
    return lsn;
  }

  /** Where this request reads: the replica unless its key (or its Min-LSN header) needs a position not replayed yet. */
  async target(request?: FastifyRequest): Promise<ReadTarget> {
    if (!this.replicaTarget || Date.now() < this.avoidUntil) return this.primaryTarget;
    const needed = request ? this.needed(request) : 0n;
    if (needed === 0n || (await this.replayedTo(needed))) return this.replicaTarget;
    return this.primaryTarget;
  }

  /**
   * Runs `read` where `target` says. A read that had to go to the primary raises the key's
   * position to the primary's after the read, so its next read never shows an older state.
   */
  async read<T>(request: FastifyRequest, read: (target: ReadTarget) => Promise<T>): Promise<T> {
    const target = await this.target(request);
    const result = await this.onReplicaOrPrimary(target, read);
    await this.readFromPrimary(request, target);
    return result;
  }

  /**
   * `read` on `target`; when that is the replica and it cannot answer (unreachable, shutting down,
   * or the statement cancelled by a replay conflict), the same read on the primary: a newer state
   * than the replica's, never an older one.
   */
  async onReplicaOrPrimary<T>(target: ReadTarget, read: (target: ReadTarget) => Promise<T>): Promise<T> {
    if (!target.replica) return read(target);
    try {
      return await read(target);
    } catch (error) {
      if (!this.unavailable(error)) throw error;
      return read(this.primaryTarget);
    }
  }

  /**
   * Whether a replica read failed because the replica could not answer: connection failures
   * (SQLSTATE class 08, 57P01–57P03, a socket error) and replay conflicts (40001). Logged; reads
   * then go to the primary for AVOID_MS.
   */
  unavailable(error: unknown): boolean {
    const e = error as { code?: string; driverError?: { code?: string }; message?: string };
    const code = e.driverError?.code ?? e.code ?? '';
    const down =
      /^08|^57P0[1-3]$|^40001$|^ECONN|^ETIMEDOUT$|^EPIPE$/.test(code) ||
      /Connection terminated|timeout exceeded when trying to connect/i.test(e.message ?? '');
    if (!down) return false;
    this.avoidUntil = Date.now() + AVOID_MS;
    this.logger.warn(
      `the read replica did not answer (${e.message}); reading the primary for ${AVOID_MS} ms`,
    );
    return true;
  }

  /** Call after a read on `target`: see `read`. */
  async readFromPrimary(request: FastifyRequest, target: ReadTarget): Promise<void> {
    const keyId = keyOf(request);
    if (!this.replicaTarget || target.replica || !keyId || !this.written.has(keyId)) return;
    this.remember(keyId, await this.positions.inserted(this.primary));
  }

  private remember(keyId: string, lsn: string): void {
    const known = this.written.get(keyId);
    if (!known || lsnValue(lsn) > lsnValue(known)) this.written.set(keyId, lsn);
  }

  private needed(request: FastifyRequest): bigint {
    const keyId = keyOf(request);
    const own = keyId ? this.written.get(keyId) : undefined;
    const sent = request.headers[MIN_LSN_HEADER];
    const header = typeof sent === 'string' && LSN.test(sent) ? lsnValue(sent) : 0n;
    const mine = own ? lsnValue(own) : 0n;
    return mine > header ? mine : header;
  }

  /** Whether the replica has replayed `needed`, asking every POLL_MS for up to waitMs. */
  private async replayedTo(needed: bigint): Promise<boolean> {
    if (this.replayed >= needed) return true;
    const until = Date.now() + this.options.waitMs;
    for (;;) {
      try {
        const lsn = await this.positions.replayed(this.replica!);
        if (lsn === null) return true; // not a standby (e.g. the primary itself in a test): nothing to wait for
        const at = lsnValue(lsn);
        if (at > this.replayed) this.replayed = at;
      } catch (error) {
        this.logger.warn(
          `replica replay position unknown (${(error as Error).message}); reading the primary`,
        );
        return false;
      }
      if (this.replayed >= needed) return true;
      if (Date.now() + POLL_MS > until) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

function keyOf(request: FastifyRequest): string | undefined {
  return (request as FastifyRequest & { principal?: { keyId: string } }).principal?.keyId;
}
