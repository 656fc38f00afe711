import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { IdempotentPost } from '../idempotency/idempotent-post.decorator';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { ParseId } from '../common/parse-id.pipe';
import { ActorsService } from './actors.service';
import { CreateActorDto, ListActorsQuery, UpdateActorDto } from './dto/actor.dto';
import { Endpoint } from '../openapi/endpoint.decorator';
import { ActorSchema } from './actor.schema';

@ApiTags('actors')
@ApiBearerAuth()
@Controller('v1/actors')
export class ActorsController {
  constructor(private readonly actors: ActorsService) {}

  @IdempotentPost()
  @Endpoint({
    summary: 'Add an actor',
    status: 201,
    type: ActorSchema,
    problems: [[409, 'The name or an alias is already taken (case- and accent-insensitive)']],
  })
  create(@Body() dto: CreateActorDto, @CurrentPrincipal() who: Principal) {
    return this.actors.create(dto, who.name);
  }

  @Get()
  @Endpoint({
    summary: 'List or search actors',
    description:
      '`q` matches name or alias, case- and accent-insensitively (`oumierov` finds Rustem Umerov).',
    type: ActorSchema,
    page: true,
  })
  list(@Query() query: ListActorsQuery) {
    return this.actors.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'Get an actor', type: ActorSchema })
  get(@Param('id', ParseId()) id: string) {
    return this.actors.get(id);
  }

  @Patch(':id')
  @Endpoint({
    summary: 'Edit an actor',
    type: ActorSchema,
    problems: [[409, 'The name or an alias is already taken']],
  })
  update(
    @Param('id', ParseId()) id: string,
    @Body() dto: UpdateActorDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.actors.update(id, dto, who.name);
  }
}
