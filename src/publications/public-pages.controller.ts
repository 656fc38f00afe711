import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { ifNoneMatchHolds } from '../common/conditional/conditional-get';
import { pageCsp } from './public-page.html';
import { pageLanguage } from './public-page.words';
import { PageShape, PublicationsService } from './publications.service';

/**
 * The published pages, open without a key: `/p/<slug>` (HTML), `/p/<slug>.json` and
 * `/p/<slug>/embed` (HTML for an iframe on any site). Revalidated by ETag: the publication and
 * the change counter, so a poll costs one row lookup while nothing changed.
 */
@ApiExcludeController()
@Public()
@Controller('p')
export class PublicPagesController {
  constructor(private readonly publications: PublicationsService) {}

  @Get(':slug')
  page(
    @Param('slug') slug: string,
    @Headers('accept-language') accept: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return slug.endsWith('.json')
      ? this.answer(slug.slice(0, -'.json'.length), 'json', accept, ifNoneMatch, reply)
      : this.answer(slug, 'page', accept, ifNoneMatch, reply);
  }

  @Get(':slug/embed')
  embed(
    @Param('slug') slug: string,
    @Headers('accept-language') accept: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.answer(slug, 'embed', accept, ifNoneMatch, reply);
  }

  private async answer(
    slug: string,
    shape: PageShape,
    accept: string | undefined,
    ifNoneMatch: string | undefined,
    reply: FastifyReply,
  ): Promise<void> {
    const { row, tag } = await this.publications.published(slug);
    const lang = pageLanguage(accept, row.language as 'en' | 'fr' | null);
    const etag = `"${tag}.${shape}.${lang}"`;
    reply.header('ETag', etag).header('Cache-Control', 'public, no-cache').header('Vary', 'Accept-Language');
    if (ifNoneMatchHolds(ifNoneMatch, etag)) return void reply.code(304).send();
    const body = await this.publications.body(row, tag, shape, lang);
    if (shape === 'json')
      return void reply.header('Content-Type', 'application/json; charset=utf-8').send(body);
    // helmet sets it on the raw response for every route; the embed is meant to be framed.
    if (shape === 'embed') reply.raw.removeHeader('X-Frame-Options');
    reply.header('Content-Security-Policy', pageCsp(shape === 'embed')).header('Content-Language', lang);
    await reply.header('Content-Type', 'text/html; charset=utf-8').send(body);
  }
}
