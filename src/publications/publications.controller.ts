import { Body, Controller, Delete, Get, HttpCode, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Principal, RequireRole } from '../auth/roles.decorator';
import { ParseId } from '../common/parse-id.pipe';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { Endpoint } from '../openapi/endpoint.decorator';
import { CreatePublicationDto } from './dto/create-publication.dto';
import { PublicationView } from './publication.schema';
import { PublicationsService } from './publications.service';

@ApiTags('publications')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('v1/publications')
export class PublicationsController {
  constructor(private readonly publications: PublicationsService) {}

  @IdempotentPost()
  @Endpoint({
    summary: 'Publish a read-only tracker page',
    description:
      'The filtered items at /p/<slug> (HTML), /p/<slug>.json and /p/<slug>/embed, open to anyone without a key. 409 when the slug is taken.',
    status: 201,
    type: PublicationView,
    headers: ['Location'],
    problems: [409],
  })
  async publish(
    @Body() dto: CreatePublicationDto,
    @CurrentPrincipal() who: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicationView> {
    const view = await this.publications.publish(dto, who.name);
    reply.header('Location', `/v1/publications/${view.id}`);
    return view;
  }

  @Get(':id')
  @Endpoint({ summary: 'A publication', type: PublicationView, problems: [404] })
  get(@Param('id', ParseId()) id: string): Promise<PublicationView> {
    return this.publications.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Endpoint({
    summary: 'Unpublish a page',
    description: 'Its pages answer 404 at once, on every replica.',
    status: 204,
    problems: [404],
  })
  unpublish(@Param('id', ParseId()) id: string, @CurrentPrincipal() who: Principal): Promise<void> {
    return this.publications.unpublish(id, who.name);
  }
}
