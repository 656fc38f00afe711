import { Actor } from './actors/actor.entity';
import { AuditEntry } from './audit/audit-entry.entity';
import { ApiKey } from './auth/api-key.entity';
import { EventRow } from './events/event.entity';
import { Feed } from './feeds/feed.entity';
import { FollowUp } from './follow-ups/follow-up.entity';
import { Citation } from './items/citation.entity';
import { ItemActor } from './items/item-actor.entity';
import { Item } from './items/item.entity';
import { Source } from './sources/source.entity';
import { Evidence, Update } from './timeline/update.entity';
import { Webhook } from './webhooks/webhook.entity';

/**
 * Every entity, listed explicitly (no globs). The composition roots (AppModule, WorkerModule,
 * `npm run admin-key`) hand this list to src/database/, which serves the features and so never
 * imports them.
 */
export const ENTITIES = [
  ApiKey,
  AuditEntry,
  EventRow,
  Source,
  Actor,
  Item,
  ItemActor,
  Citation,
  FollowUp,
  Feed,
  Webhook,
  Update,
  Evidence,
];
