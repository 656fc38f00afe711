import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { Gauge, register } from 'prom-client';
import { Window } from './fixed-windows';
import { APP_CONFIG, AppConfig } from '../config';

/** One hit in a fixed window that the first hit opens: [count, milliseconds left]. */
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

/** Takes one of ARGV[2] slots of KEYS[1] (a sorted set of holders by expiry): 1, or 0 when all are held. */
const TAKE_SLOT = `redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

/**
 * The client with the two scripts defined as commands: ioredis sends them by hash (EVALSHA, and
 * the text once after a Redis restart), which measured about twice as fast as EVAL with the text.
 */
type ScriptedRedis = Redis & {
  pwHit(key: string, windowMs: number): Promise<[number, number]>;
  pwTakeSlot(
    key: string,
    now: number,
    limit: number,
    expiresAt: number,
    id: string,
    ttlMs: number,
  ): Promise<number>;
};

/** A Redis command slower than this counts as Redis being away: the hit is counted locally. */
const COMMAND_TIMEOUT_MS = 250;

const upGauge = () =>
  (register.getSingleMetric('pledgewatch_shared_limits_up') as Gauge | undefined) ??
  new Gauge({
    name: 'pledgewatch_shared_limits_up',
    help: '1 while limits are counted in Redis across replicas; 0 when counted per replica (no REDIS_URL, or Redis unreachable)',
  });

/**
 * Counters shared by every replica (REDIS_URL: Redis or Valkey), for the request budget, the
 * failed-authentication limits and the exports a key runs at once: with N replicas a limit stays
 * one limit, not N. Each hit is one
 * Redis round trip (a small script: INCR, and PEXPIRE on the window's first hit). Without
 * REDIS_URL, or while Redis does not answer, `hit` answers null and callers count in their own
 * memory as before; /health/ready's details and `pledgewatch_shared_limits_up` say which it is.
 */
@Injectable()
export class SharedCounter implements OnApplicationShutdown {
  private readonly logger = new Logger('SharedCounter');
  private readonly redis: ScriptedRedis | null;
  private readonly up = upGauge();
  /** Whether the last Redis command failed (only meaningful with REDIS_URL). */
  private failing = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Loaded only with REDIS_URL: without it (most processes, most test files) ioredis is never used.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const load = () => (require('ioredis') as typeof import('ioredis')).default;
    this.redis = config.REDIS_URL
      ? (new (load())(config.REDIS_URL, {
          // Fail at once while disconnected instead of queueing requests behind a dead server.
          enableOfflineQueue: false,
          maxRetriesPerRequest: 0,
          commandTimeout: COMMAND_TIMEOUT_MS,
          keyPrefix: 'pledgewatch:',
        }) as ScriptedRedis)
      : null;
    this.redis?.defineCommand('pwHit', { numberOfKeys: 1, lua: HIT });
    this.redis?.defineCommand('pwTakeSlot', { numberOfKeys: 1, lua: TAKE_SLOT });
    this.redis?.on('error', () => this.fail());
    this.redis?.on('ready', () => this.up.set(1));
    this.up.set(0);
  }

  /** Whether REDIS_URL is set (hits go to Redis, or to memory while it is away). */
  get configured(): boolean {
    return this.redis !== null;
  }

  /** `shared`: counted in Redis; `local`: no REDIS_URL; `degraded`: Redis unreachable, counted locally. */
  get mode(): 'shared' | 'local' | 'degraded' {
    if (!this.redis) return 'local';
    return this.failing || this.redis.status !== 'ready' ? 'degraded' : 'shared';
  }

  /** Counts one hit on `key` in its window of `windowMs`; null when it must be counted locally. */
  async hit(key: string, windowMs: number): Promise<Window | null> {
    if (!this.redis || this.redis.status !== 'ready') return null;
    try {
      const [count, left] = await this.redis.pwHit(key, windowMs);
      if (this.failing) this.logger.log('Redis answers again: limits are shared across replicas');
      this.failing = false;
      this.up.set(1);
      return { count, resetAt: Date.now() + Math.max(left, 0) };
    } catch {
      this.fail();
      return null;
    }
  }

  /**
   * Takes one of `limit` slots named `key` for the holder `id`, for `ttlMs` unless renewed (a
   * replica that dies frees its slots when they expire): true, false when all are held, null when
   * it must be counted locally.
   */
  async takeSlot(key: string, id: string, limit: number, ttlMs: number): Promise<boolean | null> {
    if (!this.redis || this.redis.status !== 'ready') return null;
    const now = Date.now();
    try {
      const taken = await this.redis.pwTakeSlot(key, now, limit, now + ttlMs, id, ttlMs);
      this.failing = false;
      return taken === 1;
    } catch {
      this.fail();
      return null;
    }
  }

  /** Keeps a slot taken with takeSlot for another `ttlMs`, or gives it back. */
  async renewSlot(key: string, id: string, ttlMs: number): Promise<void> {
    await this.redis?.zadd(key, 'XX', Date.now() + ttlMs, id).catch(() => this.fail());
  }

  async giveBackSlot(key: string, id: string): Promise<void> {
    await this.redis?.zrem(key, id).catch(() => this.fail());
  }

  private fail(): void {
    if (!this.failing) this.logger.warn('Redis unreachable: limits are counted on this replica alone');
    this.failing = true;
    this.up.set(0);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
