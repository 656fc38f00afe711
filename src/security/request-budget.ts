import { CanActivate, ExecutionContext, Inject, Injectable, mixin, Type } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { AuthedRequest } from '../auth/roles.decorator';
import { FixedWindows, secondsLeft } from '../common/fixed-windows';
import { CommonErrors, ProblemError } from '../common/problem';
import { sendProblem } from '../common/problem.filter';
import { APP_CONFIG, AppConfig } from '../config';
import { SharedCounter } from '../common/shared-counter';

/**
 * RATE_LIMIT_PER_MINUTE requests per API key (or per feed token), one budget across all routes,
 * in one-minute windows: in Redis across replicas with REDIS_URL (SharedCounter), otherwise in
 * this replica's memory. Every answer carries X-RateLimit-Limit, -Remaining and -Reset; past the
 * limit, 429 with Retry-After.
 */
@Injectable()
export class RequestBudget {
  private readonly windows = new FixedWindows(60_000, 100_000);
  private readonly limit: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly shared: SharedCounter,
  ) {
    this.limit = config.RATE_LIMIT_PER_MINUTE;
  }

  /** Spends one request of `who`'s budget (`what` names it in the message); throws 429 past the limit. */
  async spend(who: string, what: string, reply: FastifyReply): Promise<void> {
    const now = Date.now();
    const counted = this.shared.configured ? await this.shared.hit(`budget:${who}`, 60_000) : null;
    const window = counted ?? this.windows.hit(who, now);
    const reset = secondsLeft(window, now);
    reply.header('X-RateLimit-Limit', this.limit);
    reply.header('X-RateLimit-Remaining', Math.max(0, this.limit - window.count));
    reply.header('X-RateLimit-Reset', reset);
    if (window.count > this.limit)
      throw new ProblemError(
        CommonErrors.RATE_LIMITED,
        `More than ${this.limit} requests per minute with this ${what}; retry in ${reset} s`,
        { retryAfter: reset },
      );
  }
}

/**
 * Counts each authenticated /v1 request at the door (a Fastify onRequest hook, right after the
 * key was recognised), so that answers given before Nest's pipeline (304s and remembered stats)
 * spend the budget too, and a refused request costs no more than this.
 */
export function spendBudgetAtTheDoor(fastify: FastifyInstance, budget: RequestBudget): void {
  fastify.addHook('onRequest', async (request: AuthedRequest, reply) => {
    if (!request.principal) return;
    try {
      await budget.spend(`key:${request.principal.keyId}`, 'key', reply);
    } catch (problem) {
      sendProblem(reply, request.id, problem as ProblemError);
      return reply;
    }
  });
}

/**
 * For an open route whose path parameter `param` is a secret token (a feed URL): the token is
 * counted like a key (hashed, so the budget never holds tokens). Runs as a guard, before the
 * route's validation and handler.
 */
export function TokenBudget(param: string): Type<CanActivate> {
  @Injectable()
  class TokenBudgetGuard implements CanActivate {
    constructor(private readonly budget: RequestBudget) {}

    async canActivate(context: ExecutionContext): Promise<boolean> {
      const http = context.switchToHttp();
      const token = String((http.getRequest<FastifyRequest>().params as Record<string, string>)[param]);
      await this.budget.spend(
        `token:${createHash('sha256').update(token).digest('hex')}`,
        'token',
        http.getResponse<FastifyReply>(),
      );
      return true;
    }
  }
  return mixin(TokenBudgetGuard);
}
