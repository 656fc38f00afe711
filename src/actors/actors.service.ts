import { escapeLike } from '../common/like';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Keyset } from '../common/keyset';
import { Page } from '../common/pagination';
import { ProblemError } from '../common/problem';
import { Actor } from './actor.entity';
import { ActorErrors } from './actors.errors';
import { CreateActorDto, ListActorsQuery, UpdateActorDto } from './dto/actor.dto';
import { sqlRows } from '../common/sql';

/** By name, then id. */
const ACTORS_ORDER = new Keyset(
  [
    { sql: 'a.name', type: 'text' },
    { sql: 'a.id', type: 'uuid' },
  ],
  'ASC',
);

@Injectable()
export class ActorsService {
  constructor(
    @InjectRepository(Actor) private readonly actors: Repository<Actor>,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateActorDto, by: string): Promise<Actor> {
    return this.actors.manager.transaction(async (m) => {
      const actor = await m.save(m.create(Actor, { ...dto, aliases: dto.aliases ?? [], createdBy: by }));
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
    return this.actors.manager.transaction(async (m) => {
      const current = await this.get(id, m);
      await m.update(Actor, id, dto);
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

  async get(id: string, m: EntityManager = this.actors.manager): Promise<Actor> {
    const actor = await m.findOneBy(Actor, { id });
    if (!actor) throw new ProblemError(ActorErrors.NOT_FOUND, `Actor ${id} does not exist`);
    return actor;
  }

  /** `q` matches any name or alias, folded; best matches (prefix, then similarity) are not needed for keyset order. */
  async list(query: ListActorsQuery): Promise<Page<Actor>> {
    const qb = this.actors.createQueryBuilder('a');
    if (query.q) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM actor_names n WHERE n.actor_id = a.id AND n.folded LIKE '%' || pw_fold(:q) || '%')`,
        { q: escapeLike(query.q) },
      );
    }
    if (query.kind) qb.andWhere('a.kind = :kind', { kind: query.kind });
    return ACTORS_ORDER.entityPage(qb, query);
  }

  /** Names and aliases live folded in actor_names, whose unique index enforces uniqueness across actors. */
  private async saveNames(m: EntityManager, actor: Pick<Actor, 'id' | 'name' | 'aliases'>): Promise<void> {
    const names = [...new Set([actor.name, ...(actor.aliases ?? [])])];
    await m.query(`DELETE FROM actor_names WHERE actor_id = $1`, [actor.id]);
    const clash = await sqlRows<{ name: string; actor_id: string }>(
      m,
      `SELECT n.name, n.actor_id FROM actor_names n WHERE n.folded IN (SELECT pw_fold(x) FROM unnest($1::text[]) x) LIMIT 1`,
      [names],
    );
    if (clash.length > 0) {
      throw new ProblemError(
        ActorErrors.DUPLICATE_NAME,
        `"${clash[0].name}" already names actor ${clash[0].actor_id}`,
        { existingId: clash[0].actor_id },
      );
    }
    const folded: { f: string }[] = await m.query(
      `SELECT DISTINCT pw_fold(x) AS f FROM unnest($1::text[]) x`,
      [names],
    );
    if (folded.length < names.length) {
      throw new ProblemError(
        ActorErrors.DUPLICATE_NAME,
        'The name and aliases must differ from each other (ignoring case and accents)',
      );
    }
    await m.query(`INSERT INTO actor_names (actor_id, name) SELECT $1, unnest($2::text[])`, [
      actor.id,
      names,
    ]);
  }
}
