import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../auth/roles.decorator';
import { ParseId } from '../common/parse-id.pipe';
import { ActorsService } from './actors.service';
import { CreateActorDto, ListActorsQuery, UpdateActorDto } from './dto/actor.dto';

@ApiTags('actors')
@ApiBearerAuth()
@Controller('v1/actors')
export class ActorsController {
  constructor(private readonly actors: ActorsService) {}

  @Post()
  create(@Body() dto: CreateActorDto, @CurrentPrincipal() who: Principal) {
    return this.actors.create(dto, who.name);
  }

  @Get()
  list(@Query() query: ListActorsQuery) {
    return this.actors.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseId()) id: string) {
    return this.actors.get(id);
  }

  @Patch(':id')
  update(
    @Param('id', ParseId()) id: string,
    @Body() dto: UpdateActorDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.actors.update(id, dto, who.name);
  }
}
