import type { FastifyInstance } from 'fastify';
import { CommonErrors, ProblemError } from './problem';
import { sendProblem } from './problem.filter';

/** The methods a path can be asked for; OPTIONS stays with CORS. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * A known path asked with a method it does not answer is 405 with `Allow` (RFC 9110), not 404.
 * Call before the routes are registered (it watches them); call the function it returns after
 * (it adds one 405 route per path for the missing methods).
 */
export function answerUnsupportedMethods(fastify: FastifyInstance): () => void {
  const methodsByUrl = new Map<string, Set<string>>();
  fastify.addHook('onRoute', (route) => {
    // With ignoreTrailingSlash, `/docs` and `/docs/` are one route.
    const url = route.url.length > 1 ? route.url.replace(/\/$/, '') : route.url;
    const methods = methodsByUrl.get(url) ?? new Set<string>();
    for (const method of [route.method].flat()) methods.add(method);
    methodsByUrl.set(url, methods);
  });
  return () => {
    for (const [url, methods] of [...methodsByUrl]) {
      const missing = METHODS.filter((m) => !methods.has(m));
      if (missing.length === 0 || url.includes('*')) continue;
      const allow = [...methods].filter((m) => METHODS.includes(m) || m === 'OPTIONS').join(', ');
      fastify.route({
        method: missing,
        url,
        handler: (request, reply) => {
          reply.header('Allow', allow);
          sendProblem(
            reply,
            request.id,
            new ProblemError(
              CommonErrors.METHOD_NOT_ALLOWED,
              `${request.method} is not allowed here; this path answers ${allow}`,
            ),
          );
        },
      });
    }
  };
}
