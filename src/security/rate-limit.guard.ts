import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { presentedKey } from '../auth/bearer';
import { PUBLIC_KEY } from '../auth/roles.decorator';
import { CommonErrors, ProblemError } from '../common/problem';

/**
 * Who a request counts against: the API key it presents (hashed, so the limiter never holds keys),
 * or the client address when it presents none. Counting the presented key rather than the
 * authenticated one means the limit also applies before authentication, to key guessing.
 */
export function rateLimitTracker(req: { headers: Record<string, unknown>; ip?: string }): string {
  const bearer = presentedKey(req.headers.authorization);
  return bearer ? `key:${createHash('sha256').update(bearer).digest('hex')}` : `ip:${req.ip ?? 'unknown'}`;
}

const TOKEN_PARAM = 'pledgewatch:token-param';
/** An open route whose path parameter `param` is a secret token (a feed URL): counted per token, like a key. */
export const TokenInPath = (param: string) => SetMetadata(TOKEN_PARAM, param);

/** One budget per key (or path token) across all routes; other open routes (health, docs, metrics) are not limited. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected shouldSkip(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    return Promise.resolve(
      (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false) &&
        !this.reflector.getAllAndOverride<string>(TOKEN_PARAM, targets),
    );
  }

  protected getTracker(req: Record<string, unknown>, context?: ExecutionContext): Promise<string> {
    const param = context && this.reflector.get<string | undefined>(TOKEN_PARAM, context.getHandler());
    const token = param ? (req.params as Record<string, string> | undefined)?.[param] : undefined;
    if (token) return Promise.resolve(`token:${createHash('sha256').update(token).digest('hex')}`);
    return Promise.resolve(rateLimitTracker(req as { headers: Record<string, unknown>; ip?: string }));
  }

  protected generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  // The base class's signature is async; this override only throws.
  // eslint-disable-next-line @typescript-eslint/require-await
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
