import type { FastifyInstance } from 'fastify';
import { notModified, pageAsked, PageShape, sendPage } from './public-page.reply';
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
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET') return;
    const match = PAGE_URL.exec(request.url);
    if (!match) return;
    const shape: PageShape = match[2] === '.json' ? 'json' : match[2] ? 'embed' : 'page';
    const found = await publications.find(match[1]);
    if (!found) return;
    const asked = pageAsked(found.row, found.tag, shape, request.headers['accept-language']);
    const kept = publications.kept(asked);
    if (kept === undefined && !request.headers['if-none-match']) return;
    if (notModified(reply, asked, request.headers['if-none-match'])) return reply;
    if (kept !== undefined) return sendPage(reply, asked, kept);
  });
}
