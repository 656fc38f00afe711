import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sqlRun } from '../database/sql';

/** Every statement that writes `events` (the outbox); the webhooks dispatcher reads it. */
@Injectable()
export class EventsRepository {
  async append(m: EntityManager, type: string, data: unknown): Promise<void> {
    await sqlRun(m, `INSERT INTO events (type, data) VALUES ($1, $2)`, [type, JSON.stringify(data)]);
  }
}
