import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventPayloads, EventType } from './event-types';
import { EventsRepository } from './events.repository';

/** Appends events to the `events` table (the outbox) in the caller's transaction. */
@Injectable()
export class Outbox {
  constructor(private readonly events: EventsRepository) {}

  /** The event exists exactly when the change that caused it commits. */
  emit<T extends EventType>(manager: EntityManager, type: T, data: EventPayloads[T]): Promise<void> {
    return this.events.append(manager, type, data);
  }
}
