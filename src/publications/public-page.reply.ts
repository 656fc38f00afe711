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

/**
 * A rendered page as it is kept and sent: its UTF-8 bytes and the same gzip-compressed, each with
 * every header of its answer, computed once when the body is kept (`keptPage`).
 */
export interface KeptPage {
  body: Buffer;
  gzip: Buffer;
  headers: Record<string, string>;
  gzipHeaders: Record<string, string>;
}

/** The validators and caching headers of every answer of a page, 304s included. */
function validators(asked: PageAsked): Record<string, string> {
  return {
    etag: asked.etag,
    'cache-control': 'public, no-cache',
    vary: 'Accept-Language, Accept-Encoding',
  };
}

/** The body as kept, with its headers: type, language and Content-Security-Policy (the embed may be framed anywhere). */
export function keptPage(asked: PageAsked, body: Buffer, gzip: Buffer): KeptPage {
  const headers: Record<string, string> =
    asked.shape === 'json'
      ? { ...validators(asked), 'content-type': 'application/json; charset=utf-8' }
      : {
          ...validators(asked),
          'content-security-policy': pageCsp(asked.shape === 'embed'),
          'content-language': asked.lang,
          'content-type': 'text/html; charset=utf-8',
        };
  return { body, gzip, headers, gzipHeaders: { ...headers, 'content-encoding': 'gzip' } };
}

/** Whether `Accept-Encoding` takes gzip (`gzip` or `*`, not with `q=0`). */
function parseTakesGzip(accept: string): boolean {
  return accept.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    return (coding === 'gzip' || coding === '*') && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });
}

/** `parseTakesGzip` remembered per header value: browsers send a handful of them, each time the same. */
const gzipTaken = new Map<string, boolean>();
function takesGzip(accept: string | string[] | undefined): boolean {
  const header = String(accept ?? '');
  let taken = gzipTaken.get(header);
  if (taken === undefined) {
    if (gzipTaken.size >= 256) gzipTaken.clear();
    gzipTaken.set(header, (taken = parseTakesGzip(header)));
  }
  return taken;
}

/**
 * Answers a public page: its validators and caching headers, then 304 when `If-None-Match` names
 * its ETag, else `body` (when not given, the caller renders it and calls `sendPage`).
 */
export function notModified(reply: FastifyReply, asked: PageAsked, ifNoneMatch: string | undefined): boolean {
  reply.headers(validators(asked));
  if (!ifNoneMatchHolds(ifNoneMatch, asked.etag)) return false;
  void reply.code(304).send();
  return true;
}

/** The kept body, gzip-compressed when the reader takes it (as browsers do), with its kept headers. */
export function sendPage(reply: FastifyReply, asked: PageAsked, kept: KeptPage): FastifyReply {
  const gzip = takesGzip(reply.request.headers['accept-encoding']);
  // helmet sets it on the raw response for every route; the embed is meant to be framed.
  if (asked.shape === 'embed') reply.raw.removeHeader('X-Frame-Options');
  return reply.headers(gzip ? kept.gzipHeaders : kept.headers).send(gzip ? kept.gzip : kept.body);
}
