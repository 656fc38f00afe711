import { CanActivate, ExecutionContext, Inject, Injectable, mixin, Type } from '@nestjs/common';
import rateLimit, { errorResponseBuilderContext, FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { AuthedRequest } from '../auth/roles.decorator';
import { FixedWindows } from '../common/fixed-windows';
import { CommonErrors, ProblemError } from '../common/problem';
import { sendProblem, toProblem } from '../common/problem.filter';
import { SharedCounter } from '../common/shared-counter';
import { APP_CONFIG, AppConfig } from '../config';

const WINDOW_MS = 60_000;
/** Keys (and tokens) each in-memory store holds at most; the least recently seen go first. */
const MAX_KEYS = 100_000;

type Limiter = ReturnType<FastifyInstance['rateLimit']>;

/**
 * The store `@fastify/rate-limit` counts in when REDIS_URL is set: SharedCounter's window in Redis
 * (the same script and keys as the failed-authentication limits), so every replica spends one
 * budget; while Redis does not answer, this replica's own windows, so the limit still holds per
 * replica and /health/ready says so. The plugin's Redis store cannot fall back: with `skipOnError`
 * it stops limiting, without it every request fails.
 */
export class SharedBudgetStore implements FastifyRateLimitStore {
  private readonly local = new FixedWindows(WINDOW_MS, MAX_KEYS);

  constructor(private readonly shared: SharedCounter) {}

  /** The store class the plugin instantiates (`new Store(options)`), bound to `shared`. */
  static over(shared: SharedCounter): new () => SharedBudgetStore {
    return class extends SharedBudgetStore {
      constructor() {
        super(shared);
      }
    };
  }

  incr(
    key: string,
    callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
    timeWindow: number,
  ): void {
    void this.shared.hit(`budget:${key}`, timeWindow).then((counted) => {
      const now = Date.now();
      const window = counted ?? this.local.hit(key, now);
      callback(null, { current: window.count, ttl: window.resetAt - now });
    });
  }

  /** Keys and feed tokens are told apart by their prefix: one store serves both. */
  child(): FastifyRateLimitStore {
    return this;
  }
}

/** The 429 problem the plugin throws past the limit; `what` names what was counted. */
const tooMany =
  (max: number, what: string) =>
  (_request: FastifyRequest, context: errorResponseBuilderContext): ProblemError => {
    const retryAfter = Math.max(1, Math.ceil(context.ttl / 1000));
    return new ProblemError(
      CommonErrors.RATE_LIMITED,
      `More than ${max} requests per minute with this ${what}; retry in ${retryAfter} s`,
      { retryAfter },
    );
  };

/**
 * RATE_LIMIT_PER_MINUTE requests per API key (or per feed token), one budget across all routes,
 * in one-minute windows, counted by `@fastify/rate-limit`: in its own memory store, or across
 * replicas in Redis with REDIS_URL (SharedBudgetStore). Every counted answer carries the plugin's
 * X-RateLimit-Limit, -Remaining and -Reset; past the limit, 429 problem details with Retry-After.
 */
@Injectable()
export class RequestBudget {
  private readonly max: number;
  private fastify?: FastifyInstance;
  private readonly perToken = new Map<string, Limiter>();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly shared: SharedCounter,
  ) {
    this.max = config.RATE_LIMIT_PER_MINUTE;
  }

  /**
   * Registers the plugin (no route of its own: `global: false`) and counts each authenticated
   * request in an onRequest hook added right after the key hook, so the principal is known and
   * answers given before Nest's pipeline (304s and remembered stats) spend the budget too.
   */
  async install(fastify: FastifyInstance): Promise<void> {
    await fastify.register(rateLimit, {
      global: false,
      max: this.max,
      timeWindow: WINDOW_MS,
      cache: MAX_KEYS,
      store: this.shared.configured ? SharedBudgetStore.over(this.shared) : undefined,
      keyGenerator: (request: AuthedRequest) => `key:${request.principal?.keyId}`,
      errorResponseBuilder: tooMany(this.max, 'key'),
    });
    this.fastify = fastify;
    const perKey = fastify.rateLimit();
    fastify.addHook('onRequest', async (request: AuthedRequest, reply) => {
      if (!request.principal) return;
      try {
        await perKey.call(fastify, request, reply);
      } catch (problem) {
        sendProblem(reply, request.id, toProblem(problem));
        return reply;
      }
    });
  }

  /**
   * The limiter of an open route whose path parameter `param` is a secret token: the token is
   * counted like a key, hashed, so the store never holds tokens. Throws the 429 problem.
   */
  forToken(param: string): Limiter {
    const known = this.perToken.get(param);
    if (known) return known;
    if (!this.fastify) throw new Error('RequestBudget.install has not run');
    const limiter = this.fastify.rateLimit({
      keyGenerator: (request) => {
        const token = String((request.params as Record<string, string>)[param]);
        return `token:${createHash('sha256').update(token).digest('hex')}`;
      },
      cache: MAX_KEYS,
      errorResponseBuilder: tooMany(this.max, 'token'),
    });
    this.perToken.set(param, limiter);
    return limiter;
  }
}

/** Counts each request of a route per the secret token in its path parameter `param` (a feed URL). */
export function TokenBudget(param: string): Type<CanActivate> {
  @Injectable()
  class TokenBudgetGuard implements CanActivate {
    constructor(private readonly budget: RequestBudget) {}

    async canActivate(context: ExecutionContext): Promise<boolean> {
      const http = context.switchToHttp();
      const request = http.getRequest<FastifyRequest>();
      await this.budget.forToken(param).call(request.server, request, http.getResponse<FastifyReply>());
      return true;
    }
  }
  return mixin(TokenBudgetGuard);
}
