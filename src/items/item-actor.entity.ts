import { Entity, PrimaryColumn } from 'typeorm';
import type { ActorRole } from './status-scales';

@Entity('item_actors')
export class ItemActor {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' }) itemId: string;
  @PrimaryColumn({ name: 'actor_id', type: 'uuid' }) actorId: string;
  @PrimaryColumn({ type: 'text' }) role: ActorRole;
}
