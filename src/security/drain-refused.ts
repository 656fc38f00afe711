import type { FastifyInstance } from 'fastify';

/** Bytes of a refused request body read and thrown away before the connection may close. */
export const DRAIN_LIMIT = 16 * 1024 * 1024;

/**
 * A request refused before its body was read (413 over the body limit, 401 or 429 at the door)
 * used to be answered with `Connection: close`: the socket closed while a client that sends the
 * whole body before reading (Node's fetch, most HTTP libraries) was still writing, and that
 * client saw EPIPE or a reset instead of the problem document. Here the rest of the body is read
 * and discarded instead, up to DRAIN_LIMIT bytes (a body declared larger, or one that goes on
 * past it, still has its connection closed) and within REQUEST_TIMEOUT_MS, which Node's server
 * applies until the last byte of the request has arrived. Draining costs no parsing.
 */
export function drainRefusedBodies(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const raw = request.raw;
    if (reply.statusCode < 400 || raw.complete || raw.destroyed) return done(null, payload);
    if (String(reply.getHeader('connection')).toLowerCase() !== 'close') return done(null, payload);
    if (Number(request.headers['content-length'] ?? 0) > DRAIN_LIMIT) return done(null, payload);
    reply.removeHeader('connection');
    let drained = 0;
    raw.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_LIMIT) raw.socket.destroy();
    });
    raw.resume();
    done(null, payload);
  });
}
