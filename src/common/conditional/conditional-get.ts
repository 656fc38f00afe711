import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Conditional GET (RFC 9110 §13.1.2): does `If-None-Match` name `tag`? Weak comparison, as the
 * RFC asks for If-None-Match: `W/"5"` matches `"5"`; `*` matches any current representation.
 */
export function ifNoneMatchHolds(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const bare = tag.replace(/^W\//, '');
  return header.split(',').some((entry) => {
    const candidate = entry.trim().replace(/^W\//, '');
    return candidate === '*' || candidate === bare;
  });
}

const NOT_MODIFIED = Symbol('pledgewatch.notModified');
type Marked = FastifyReply & { [NOT_MODIFIED]?: boolean };

/**
 * Marks the reply as 304 Not Modified. Nest sets the route's own status (200) after the
 * handler returns, so the status is changed in an onSend hook (installConditionalGet), where
 * Fastify also drops the body of a 304.
 */
export function notModified(reply: FastifyReply): undefined {
  (reply as Marked)[NOT_MODIFIED] = true;
  return undefined;
}

/** The 304 hook, and the hook that drops this replica's cached change counter after each write request. */
export function installConditionalGet(fastify: FastifyInstance, changes: { forget(): void }): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') changes.forget();
    if (!(reply as Marked)[NOT_MODIFIED] || reply.statusCode !== 200) return done(null, payload);
    reply.code(304).removeHeader('content-type').removeHeader('content-length');
    done(null, '');
  });
}

/** Sets the validators a cache needs: the tag, and "ask every time" (private: it depends on the key). */
export function setValidators(reply: FastifyReply, tag: string): void {
  reply.header('ETag', tag);
  reply.header('Cache-Control', 'private, no-cache');
}
