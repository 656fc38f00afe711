import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notModified, pageAsked, PageShape, sendPage } from './public-page.reply';
import type { PublicationRow } from './publications.repository';
import { PublicationsService } from './publications.service';

/** `/p/<slug>`, `/p/<slug>.json`, `/p/<slug>/embed` (a slug as publications make them), with or without a query. */
const PAGE_URL = /^\/p\/([a-z0-9]+(?:-[a-z0-9]+)*)(\.json|\/embed)?\/?(?:\?.*)?$/;

/**
 * Public pages answered before Nest's pipeline (a Fastify onRequest hook, registered after the
 * request budget and helmet, as the counter door is: common/conditional/door.ts) when the answer is
 * a 304 or a body PublicationsService keeps. The publication row comes first (PublicationsService
 * keeps it until an unpublishing's notification drops it), so an unpublished page is not answered here. Anything else — an unknown slug, a body
 * not rendered yet — goes on to PublicPagesController, which renders and keeps it.
 */
export function answerPublicPagesAtTheDoor(
  fastify: FastifyInstance,
  publications: PublicationsService,
): void {
  /** Answers from memory when it can (true); false: the request goes on to the controller. */
  const answer = (
    request: FastifyRequest,
    reply: FastifyReply,
    shape: PageShape,
    found: { row: PublicationRow; tag: string },
  ): boolean => {
    const ifNoneMatch = request.headers['if-none-match'];
    const asked = pageAsked(found.row, found.tag, shape, request.headers['accept-language']);
    const kept = publications.kept(asked);
    if (kept === undefined && !ifNoneMatch) return false;
    if (notModified(reply, asked, ifNoneMatch)) return true;
    if (kept === undefined) return false;
    sendPage(reply, asked, kept);
    return true;
  };
  // A callback hook: while the row and the counter are in memory (nearly always) nothing awaits.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'GET' || !request.url.startsWith('/p/')) return done();
    const match = PAGE_URL.exec(request.url);
    if (!match) return done();
    const shape: PageShape = match[2] === '.json' ? 'json' : match[2] ? 'embed' : 'page';
    const kept = publications.findKept(match[1]);
    if (kept) return void (answer(request, reply, shape, kept) || done());
    publications
      .find(match[1])
      .then((found) => void ((found && answer(request, reply, shape, found)) || done()), done);
  });
}
