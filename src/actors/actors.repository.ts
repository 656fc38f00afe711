import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Keyset } from '../common/keyset';
import { escapeLike } from '../common/like';
import { Page } from '../common/pagination';
import { sqlRows, sqlRun, sqlWrite } from '../database/sql';
import { Actor } from './actor.entity';
import { ListActorsQuery } from './dto/actor.dto';

/** By name, then id. */
const ACTORS_ORDER = new Keyset(
  [
    { sql: 'a.name', type: 'text' },
    { sql: 'a.id', type: 'uuid' },
  ],
  'ASC',
);

/**
 * Every statement on `actors` and `actor_names`. Methods that take an EntityManager run in the
 * caller's transaction.
 */
@Injectable()
export class ActorsRepository {
  constructor(@InjectRepository(Actor) private readonly actors: Repository<Actor>) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.actors.manager.transaction(work);
  }

  insert(m: EntityManager, fields: Partial<Actor>): Promise<Actor> {
    return m.save(m.create(Actor, fields));
  }

  async update(m: EntityManager, id: string, changes: Partial<Actor>): Promise<void> {
    await m.update(Actor, id, changes);
  }

  findById(id: string, m: EntityManager = this.actors.manager): Promise<Actor | null> {
    return m.findOneBy(Actor, { id });
  }

  /** `q` matches any name or alias, folded. */
  page(query: ListActorsQuery): Promise<Page<Actor>> {
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

  /** The ids among `ids` that name an actor. */
  async existing(m: EntityManager, ids: string[]): Promise<Set<string>> {
    const rows = await sqlRows<{ id: string }>(m, `SELECT id FROM actors WHERE id = ANY($1::uuid[])`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  async deleteNames(m: EntityManager, actorId: string): Promise<void> {
    await sqlWrite(m, `DELETE FROM actor_names WHERE actor_id = $1`, [actorId]);
  }

  /** A stored name that folds like one of `names`, with its actor. */
  nameClash(m: EntityManager, names: string[]): Promise<{ name: string; actor_id: string }[]> {
    return sqlRows<{ name: string; actor_id: string }>(
      m,
      `SELECT n.name, n.actor_id FROM actor_names n WHERE n.folded IN (SELECT pw_fold(x) FROM unnest($1::text[]) x) LIMIT 1`,
      [names],
    );
  }

  /** How many distinct names `names` are once folded. */
  async distinctFolded(m: EntityManager, names: string[]): Promise<number> {
    const folded = await sqlRows<{ f: string }>(
      m,
      `SELECT DISTINCT pw_fold(x) AS f FROM unnest($1::text[]) x`,
      [names],
    );
    return folded.length;
  }

  async insertNames(m: EntityManager, actorId: string, names: string[]): Promise<void> {
    await sqlRun(m, `INSERT INTO actor_names (actor_id, name) SELECT $1, unnest($2::text[])`, [
      actorId,
      names,
    ]);
  }

  /** The stored actors any of `names` names (by folded name or alias), in one indexed statement. */
  byMentions(
    names: string[],
    m: EntityManager = this.actors.manager,
  ): Promise<{ mention: string; id: string; name: string }[]> {
    return sqlRows<{ mention: string; id: string; name: string }>(
      m,
      `SELECT f.name AS mention, a.id, a.name
         FROM unnest($1::text[]) AS f(name)
         JOIN actor_names n ON n.folded = pw_fold(f.name)
         JOIN actors a ON a.id = n.actor_id`,
      [names],
    );
  }
}
