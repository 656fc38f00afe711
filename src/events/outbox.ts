import { EntityManager } from 'typeorm';
import { EventType } from './event.entity';

/** Appends an event in the caller's transaction, so it exists exactly when the change does. */
export async function emitEvent(
  manager: EntityManager,
  type: EventType,
  data: Record<string, unknown>,
): Promise<void> {
  await manager.query(`INSERT INTO events (type, data) VALUES ($1, $2)`, [type, JSON.stringify(data)]);
}
