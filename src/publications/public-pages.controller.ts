import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { notModified, pageAsked, PageShape, sendPage } from './public-page.reply';
import { PublicationsService } from './publications.service';

/**
 * The published pages, open without a key: `/p/<slug>` (HTML), `/p/<slug>.json` and
 * `/p/<slug>/embed` (HTML for an iframe on any site). Revalidated by ETag: the publication and
 * the change counter, so a poll costs one row lookup while nothing changed. Repeated requests are
 * answered before Nest (public-pages.door.ts); this renders what the door does not keep yet.
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
    const asked = pageAsked(row, tag, shape, accept);
    if (notModified(reply, asked, ifNoneMatch)) return;
    await sendPage(reply, asked, await this.publications.body(row, asked));
  }
}
