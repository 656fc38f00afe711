import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventPayloads, EventType } from './event-types';

/** Appends events to the `events` table (the outbox) in the caller's transaction. */
@Injectable()
export class Outbox {
  /** The event exists exactly when the change that caused it commits. */
  async emit<T extends EventType>(manager: EntityManager, type: T, data: EventPayloads[T]): Promise<void> {
    await manager.query(`INSERT INTO events (type, data) VALUES ($1, $2)`, [type, JSON.stringify(data)]);
  }
}
