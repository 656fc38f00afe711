import type { FastifyInstance } from 'fastify';
import { LSN_HEADER, ReadReplica } from './read-replica';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * With a read replica: every write request of a key (any method but GET, HEAD, OPTIONS, answered
 * below 500) remembers the primary's WAL position after its commit for that key, and returns it in
 * `X-Pledgewatch-LSN` (docs/scaling.md). Runs in onSend, after the service's transaction committed.
 * When the position cannot be read the response still goes out, without the header (logged).
 */
export function rememberWrites(fastify: FastifyInstance, replica: ReadReplica): void {
  if (!replica.enabled) return;
  fastify.addHook('onSend', async (request, reply, payload) => {
    const keyId = (request as { principal?: { keyId: string } }).principal?.keyId;
    if (SAFE.has(request.method) || !keyId || reply.statusCode >= 500) return payload;
    try {
      reply.header(LSN_HEADER, await replica.wrote(keyId));
    } catch (error) {
      request.log.warn({ err: error }, 'the WAL position of a write could not be read');
    }
    return payload;
  });
}
