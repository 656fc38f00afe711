import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { ifNoneMatchHolds, setValidators } from './conditional-get';

const TAGGED = Symbol('pledgewatch.counterTagged');
type Marked = FastifyReply & { [TAGGED]?: { tag: string; remember: boolean } };

/**
 * Marks a response labelled with the change counter's tag (lists and stats, change-counter.ts).
 * `remember`: its body may be answered again from memory while the counter keeps that tag.
 */
export function markCounterTagged(reply: FastifyReply, tag: string, remember: boolean): void {
  (reply as Marked)[TAGGED] = { tag, remember };
}

interface Known {
  tag: string;
  body?: string;
  contentType?: string;
}

/** Bodies remembered across all URLs, in UTF-16 code units (about bytes for JSON). */
const REMEMBERED_SIZE = 32 * 1024 * 1024;

/**
 * Answers repeated counter-tagged GETs before Nest's pipeline (a Fastify onRequest hook, after
 * the key was recognised and its budget spent). A URL is known once the whole pipeline answered
 * it 200 or 304 — so its query passed validation and its route reads with any key. Then, at the
 * door: `If-None-Match` naming the counter's current tag → 304; else, if the route asked for its
 * body to be remembered (the stats) and the counter still has the tag that body was labelled
 * with → that body, unless the request says `Cache-Control: no-cache`. With a read replica
 * (`bodies: false`) no body is remembered: a key routed to the lagging replica must not be shown the
 * primary's newer state from memory and then the replica's older one. Anything else goes on to Nest. Keyed by the exact URL; each replica keeps
 * its own, bounded by count and size.
 */
export function answerAtTheDoor(
  fastify: FastifyInstance,
  changes: { tag(): Promise<string> },
  { bodies = true }: { bodies?: boolean } = {},
): void {
  const known = new LRUCache<string, Known>({
    max: 5000,
    maxSize: REMEMBERED_SIZE,
    sizeCalculation: (entry) => (entry.body?.length ?? 0) + 1,
  });

  // A callback hook: the many requests it cannot answer pass on without a promise.
  fastify.addHook('onRequest', (request: FastifyRequest & { principal?: unknown }, reply, done) => {
    if (request.method !== 'GET' || !request.principal) return done();
    const ifNoneMatch = request.headers['if-none-match'];
    // A client may ask for the query to run (`Cache-Control: no-cache`, RFC 9111 §5.2.1.4); with
    // no tag to compare either, nothing here can answer it, so the counter is not even read.
    const noCache = request.headers['cache-control']?.includes('no-cache') ?? false;
    if (noCache && !ifNoneMatch) return done();
    const entry = known.get(request.url);
    if (!entry) return done();
    changes.tag().then((tag) => {
      if (ifNoneMatchHolds(ifNoneMatch, tag)) {
        setValidators(reply, tag);
        return void reply.code(304).send();
      }
      if (!noCache && entry.tag === tag && entry.body !== undefined && entry.contentType) {
        setValidators(reply, tag);
        return void reply.code(200).header('Content-Type', entry.contentType).send(entry.body);
      }
      done();
    }, done);
  });

  fastify.addHook('onSend', (request, reply, payload, done) => {
    const mark = (reply as Marked)[TAGGED];
    if (mark && request.method === 'GET' && (reply.statusCode === 200 || reply.statusCode === 304)) {
      const body =
        bodies && mark.remember && reply.statusCode === 200 && typeof payload === 'string'
          ? payload
          : undefined;
      const contentType = reply.getHeader('content-type');
      known.set(request.url, {
        tag: mark.tag,
        body,
        contentType: typeof contentType === 'string' ? contentType : undefined,
      });
    }
    done(null, payload);
  });
}
