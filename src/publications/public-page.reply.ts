import type { FastifyReply } from 'fastify';
import { ifNoneMatchHolds } from '../common/conditional/conditional-get';
import { pageCsp } from './public-page.html';
import { PageLanguage, pageLanguage } from './public-page.words';
import type { PublicationRow } from './publications.repository';

export type PageShape = 'page' | 'embed' | 'json';

/** What a GET of a public page asks for: its shape, the reader's language, and the ETag naming the body. */
export interface PageAsked {
  shape: PageShape;
  lang: PageLanguage;
  /** `"<publication id>.<change counter>.<shape>.<language>"`: what a kept body is keyed by. */
  etag: string;
}

export function pageAsked(
  row: PublicationRow,
  tag: string,
  shape: PageShape,
  accept: string | undefined,
): PageAsked {
  const lang = pageLanguage(accept, row.language as PageLanguage | null);
  return { shape, lang, etag: `"${tag}.${shape}.${lang}"` };
}

/** A rendered page as it is kept and sent: its UTF-8 bytes, and the same gzip-compressed. */
export interface KeptPage {
  body: Buffer;
  gzip: Buffer;
}

/** Whether `Accept-Encoding` takes gzip (`gzip` or `*`, not with `q=0`). */
function takesGzip(accept: string | string[] | undefined): boolean {
  return String(accept ?? '')
    .split(',')
    .some((part) => {
      const [coding, ...params] = part.trim().toLowerCase().split(';');
      return (coding === 'gzip' || coding === '*') && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
    });
}

/**
 * Answers a public page: its validators and caching headers, then 304 when `If-None-Match` names
 * its ETag, else `body` (when not given, the caller renders it and calls `sendPage`).
 */
export function notModified(reply: FastifyReply, asked: PageAsked, ifNoneMatch: string | undefined): boolean {
  reply
    .header('ETag', asked.etag)
    .header('Cache-Control', 'public, no-cache')
    .header('Vary', 'Accept-Language, Accept-Encoding');
  if (!ifNoneMatchHolds(ifNoneMatch, asked.etag)) return false;
  void reply.code(304).send();
  return true;
}

/**
 * The page's body with its type, language and Content-Security-Policy (the embed may be framed
 * anywhere), gzip-compressed when the reader takes it, as browsers do.
 */
export function sendPage(reply: FastifyReply, asked: PageAsked, kept: KeptPage): FastifyReply {
  const gzip = takesGzip(reply.request.headers['accept-encoding']);
  if (gzip) reply.header('Content-Encoding', 'gzip');
  const body = gzip ? kept.gzip : kept.body;
  if (asked.shape === 'json')
    return reply.header('Content-Type', 'application/json; charset=utf-8').send(body);
  // helmet sets it on the raw response for every route; the embed is meant to be framed.
  if (asked.shape === 'embed') reply.raw.removeHeader('X-Frame-Options');
  return reply
    .header('Content-Security-Policy', pageCsp(asked.shape === 'embed'))
    .header('Content-Language', asked.lang)
    .header('Content-Type', 'text/html; charset=utf-8')
    .send(body);
}
