import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Transform } from 'node:stream';
import { CommonErrors, ProblemError } from '../common/problem';
import { sendProblem } from '../common/problem.filter';
import type { SharedCounter } from '../common/shared-counter';
import { AuthFailures } from './auth-failures';
import { Authenticator, keyPrefix } from './authenticator';
import { presentedKey, sentCredentials } from './bearer';
import { AuthedRequest } from './roles.decorator';

/** Body bytes a request without a valid key may send (open routes take no bodies at all). */
export const UNAUTHENTICATED_BODY_LIMIT = 16 * 1024;

/**
 * Every route under /v1 needs a key, and /metrics unless METRICS_PUBLIC; open routes (health,
 * docs, feeds, workbench) live elsewhere. This hook is the only place a key is looked up: the
 * AuthGuard checks the role of the principal found here.
 */
export const keyedPaths =
  (metricsPublic: boolean) =>
  (url: string): boolean =>
    url.startsWith('/v1/') ||
    url === '/v1' ||
    url.startsWith('/v1?') ||
    (!metricsPublic && (url === '/metrics' || url.startsWith('/metrics?')));

/** 401 per RFC 6750 §3: the challenge, and `invalid_token` when a key was sent but not recognised. */
export function unauthenticated(sentKey: boolean): ProblemError {
  return sentKey
    ? new ProblemError(
        CommonErrors.UNAUTHENTICATED,
        'The API key was not recognised (mistyped or revoked); send Authorization: Bearer <api key>',
        {},
        undefined,
        {
          'WWW-Authenticate':
            'Bearer realm="pledgewatch", error="invalid_token", error_description="The API key was not recognised"',
        },
      )
    : new ProblemError(CommonErrors.UNAUTHENTICATED, 'Send Authorization: Bearer <api key>', {}, undefined, {
        'WWW-Authenticate': 'Bearer realm="pledgewatch"',
      });
}

/**
 * Authentication before the body is read (Fastify onRequest): a request to /v1 without a
 * valid key is answered 401 at once and its connection closed, so an anonymous sender cannot
 * make the service read, parse and validate 2 MB bodies. Failed attempts are counted per client
 * address and key prefix, and per address (429 past either; see AuthFailures). The principal found here is the one the
 * AuthGuard checks roles against. Requests that reach the body without a valid key (open
 * routes) may send at most UNAUTHENTICATED_BODY_LIMIT bytes.
 */
export function authenticateBeforeBody(
  fastify: FastifyInstance,
  authenticator: Authenticator,
  limits: { perKeyPrefix: number; perAddress: number },
  needsKey: (url: string) => boolean,
  shared?: SharedCounter,
): void {
  const failures = new AuthFailures(limits.perKeyPrefix, limits.perAddress, shared);
  const refuse = (request: FastifyRequest, reply: FastifyReply, problem: ProblemError) => {
    // The body is never parsed; drainRefusedBodies reads and discards it, within bounds.
    if (request.headers['content-length'] || request.headers['transfer-encoding'])
      reply.header('Connection', 'close');
    sendProblem(reply, request.id, problem);
    return reply;
  };

  const tooMany = (blocked: number) =>
    new ProblemError(
      CommonErrors.RATE_LIMITED,
      `Too many failed authentications from this address; retry in ${blocked} s`,
      { retryAfter: blocked },
    );

  fastify.addHook('onRequest', async (request: AuthedRequest, reply) => {
    if (!needsKey(request.url)) return;
    const key = presentedKey(request.headers.authorization);
    const prefix = key ? keyPrefix(key) : null;
    // One prefix guessed too often: refused before any lookup.
    const keyBlocked = prefix ? failures.keyBlockedFor(request.ip, prefix) : 0;
    if (keyBlocked > 0) return refuse(request, reply, tooMany(keyBlocked));
    // The address failed too often: only keys with a prefix the service issued are still looked
    // up, so a valid key behind the same NAT or proxy keeps working.
    const addressBlocked = failures.addressBlockedFor(request.ip);
    if (addressBlocked > 0 && !(prefix && (await authenticator.issuedPrefix(prefix))))
      return refuse(request, reply, tooMany(addressBlocked));
    const principal = key ? await authenticator.authenticate(key) : null;
    if (principal) {
      request.principal = principal;
      return;
    }
    await failures.record(request.ip, prefix);
    return refuse(request, reply, unauthenticated(sentCredentials(request.headers.authorization)));
  });

  // A callback hook, not an async one: an authenticated request passes without a promise.
  fastify.addHook('preParsing', (request: AuthedRequest, _reply, payload, next) => {
    if (request.principal) return next(null, payload);
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > UNAUTHENTICATED_BODY_LIMIT) return next(bodyTooLarge());
    let received = 0;
    next(
      null,
      payload.pipe(
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            received += chunk.length;
            done(received > UNAUTHENTICATED_BODY_LIMIT ? bodyTooLarge() : null, chunk);
          },
        }),
      ),
    );
  });
}

function bodyTooLarge(): ProblemError {
  return new ProblemError(
    CommonErrors.BODY_TOO_LARGE,
    `Without an API key a request body may hold at most ${UNAUTHENTICATED_BODY_LIMIT} bytes`,
  );
}
