import type { FastifyReply } from 'fastify';

/**
 * A signal that aborts when the connection closes before the answer was sent: the client hung up,
 * so the work it asked for (an extraction on a worker thread) can stop.
 */
export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('The client closed the connection'));
  });
  return controller.signal;
}
