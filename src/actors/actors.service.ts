import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Page } from '../common/pagination';
import { ProblemError } from '../common/problem';
import { Actor } from './actor.entity';
import { ActorErrors } from './actors.errors';
import { ActorsRepository } from './actors.repository';
import { CreateActorDto, ListActorsQuery, UpdateActorDto } from './dto/actor.dto';

@Injectable()
export class ActorsService {
  constructor(
    private readonly actors: ActorsRepository,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateActorDto, by: string): Promise<Actor> {
    return this.actors.transaction(async (m) => {
      const actor = await this.actors.insert(m, { ...dto, aliases: dto.aliases ?? [], createdBy: by });
      await this.saveNames(m, actor);
      await this.audit.record(m, {
        actor: by,
        action: 'create',
        entityType: 'actor',
        entityId: actor.id,
        change: { ...dto },
      });
      return this.get(actor.id, m);
    });
  }

  async update(id: string, dto: UpdateActorDto, by: string): Promise<Actor> {
    return this.actors.transaction(async (m) => {
      const current = await this.get(id, m);
      await this.actors.update(m, id, dto);
      await this.saveNames(m, { ...current, ...dto });
      await this.audit.record(m, {
        actor: by,
        action: 'update',
        entityType: 'actor',
        entityId: id,
        change: { ...dto },
      });
      return this.get(id, m);
    });
  }

  async get(id: string, m?: EntityManager): Promise<Actor> {
    const actor = await this.actors.findById(id, m);
    if (!actor) throw new ProblemError(ActorErrors.NOT_FOUND, `Actor ${id} does not exist`);
    return actor;
  }

  /** `q` matches any name or alias, folded; best matches (prefix, then similarity) are not needed for keyset order. */
  list(query: ListActorsQuery): Promise<Page<Actor>> {
    return this.actors.page(query);
  }

  /** Names and aliases live folded in actor_names, whose unique index enforces uniqueness across actors. */
  private async saveNames(m: EntityManager, actor: Pick<Actor, 'id' | 'name' | 'aliases'>): Promise<void> {
    const names = [...new Set([actor.name, ...(actor.aliases ?? [])])];
    await this.actors.deleteNames(m, actor.id);
    const clash = await this.actors.nameClash(m, names);
    if (clash.length > 0) {
      throw new ProblemError(
        ActorErrors.DUPLICATE_NAME,
        `"${clash[0].name}" already names actor ${clash[0].actor_id}`,
        { existingId: clash[0].actor_id },
      );
    }
    if ((await this.actors.distinctFolded(m, names)) < names.length) {
      throw new ProblemError(
        ActorErrors.DUPLICATE_NAME,
        'The name and aliases must differ from each other (ignoring case and accents)',
      );
    }
    await this.actors.insertNames(m, actor.id, names);
  }
}
