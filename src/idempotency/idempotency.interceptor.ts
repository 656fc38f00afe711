import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { catchError, finalize, from, mergeMap, Observable, of, throwError } from 'rxjs';
import type { AuthedRequest } from '../auth/roles.decorator';
import { ProblemError } from '../common/problem';
import { heldClaim } from './claim-fence';
import { IdempotencyErrors } from './idempotency.errors';
import { HeldClaim, StoredResponse } from './idempotency.repository';
import { IdempotencyStore } from './idempotency.store';
import { BODY_DIGEST, requestHash } from './request-hash';

const KEY = /^[\x21-\x7e]{1,255}$/;
/** Response headers a replay repeats: the new resource's version and address. */
const REPLAYED_HEADERS = ['etag', 'location'];
/** Secrets (a new API key, a webhook secret, a feed token and its URL) are shown once: never stored here, null in a replay. */
const SECRET_FIELDS = new Set(['key', 'secret', 'token', 'feedUrl']);

/**
 * `Idempotency-Key` on every POST (spec, Conventions; mounted by `@IdempotentPost`, so it only
 * ever sees POSTs). Interceptors run after the auth guard, so
 * an unauthenticated or forbidden request never touches the store; validation runs inside
 * `next.handle()`, and a request that fails there or later releases its claim. Only a 2xx
 * response is stored and replayed: every write runs in one transaction, so a failed request
 * changed nothing and may be retried with the same key. The claim is a lease renewed while the
 * request runs (IdempotencyStore), and its transactions commit only while they hold it (ClaimFence).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const header = request.headers['idempotency-key'];
    if (header === undefined || !request.principal) return next.handle();
    if (typeof header !== 'string' || !KEY.test(header))
      throw new ProblemError(IdempotencyErrors.INVALID_KEY);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const claim = await this.store.claim(
      request.principal.keyId,
      header,
      requestHash(
        request.method,
        request.url,
        request.body,
        (request as { [BODY_DIGEST]?: string })[BODY_DIGEST],
      ),
    );
    if (!claim.owner) {
      if (!claim.sameRequest)
        throw new ProblemError(
          IdempotencyErrors.KEY_REUSED,
          'The first request with this key had another method, path or body',
        );
      if (!claim.response)
        throw new ProblemError(IdempotencyErrors.IN_PROGRESS, 'Retry once the first request has finished');
      return of(replay(reply, claim.response));
    }
    const { held } = claim;
    // The lease is renewed three times per lease while the request runs, so only a dead process loses it.
    let renewing = false;
    const heartbeat = setInterval(() => {
      if (renewing) return; // never a queue of renewals behind a slow database
      renewing = true;
      this.store
        .renew(held)
        .catch(() => undefined)
        .finally(() => (renewing = false));
    }, this.store.leaseMs / 3);
    heartbeat.unref();
    // Nest binds the handler to the async context it is created in: ClaimFence finds the claim there.
    return heldClaim
      .run(held, () => next.handle())
      .pipe(
        mergeMap((body) => from(this.finish(held, reply, body))),
        catchError((error: unknown) =>
          from(this.store.release(held)).pipe(mergeMap(() => throwError(() => error))),
        ),
        finalize(() => clearInterval(heartbeat)),
      );
  }

  private async finish(held: HeldClaim, reply: FastifyReply, body: unknown): Promise<unknown> {
    if (reply.statusCode < 200 || reply.statusCode > 299) {
      await this.store.release(held);
      return body;
    }
    const headers = Object.fromEntries(
      REPLAYED_HEADERS.flatMap((h) => (reply.hasHeader(h) ? [[h, String(reply.getHeader(h))]] : [])),
    );
    // Stored as the client saw it (dates as strings), so a replay is the same JSON.
    await this.store.complete(held, {
      status: reply.statusCode,
      body: withoutSecrets(JSON.parse(JSON.stringify(body ?? null))),
      headers,
    });
    return body;
  }
}

function withoutSecrets(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? null : v]));
}

function replay(reply: FastifyReply, response: StoredResponse): unknown {
  reply.status(response.status);
  for (const [name, value] of Object.entries(response.headers)) reply.header(name, value);
  reply.header('Idempotent-Replayed', 'true');
  return response.body;
}
