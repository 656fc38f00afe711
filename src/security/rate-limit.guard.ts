import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { PUBLIC_KEY } from '../auth/roles.decorator';
import { CommonErrors, ProblemError } from '../common/problem';

/**
 * Who a request counts against: the API key it presents (hashed, so the limiter never holds keys),
 * or the client address when it presents none. Counting the presented key rather than the
 * authenticated one means the limit also applies before authentication, to key guessing.
 */
export function rateLimitTracker(req: { headers: Record<string, unknown>; ip?: string }): string {
  const auth = req.headers.authorization;
  const bearer = typeof auth === 'string' ? /^Bearer (.+)$/.exec(auth)?.[1] : undefined;
  return bearer ? `key:${createHash('sha256').update(bearer).digest('hex')}` : `ip:${req.ip ?? 'unknown'}`;
}

/** One budget per key across all routes; open routes (health, docs, metrics) are not limited. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return (
      this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()]) ??
      false
    );
  }

  protected async getTracker(req: Record<string, unknown>): Promise<string> {
    return rateLimitTracker(req as { headers: Record<string, unknown>; ip?: string });
  }

  protected generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  protected async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ProblemError(
      CommonErrors.RATE_LIMITED,
      `More than ${detail.limit} requests per minute with this key; retry in ${retryAfter} s`,
      {
        retryAfter,
      },
    );
  }
}
