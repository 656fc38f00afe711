import { Baseline1732702400001 } from '../../migrations/1732702400001-Baseline';
import { TagsWithoutSemicolons1732702530000 } from '../../migrations/1732702530000-TagsWithoutSemicolons';
import { UniqueApiKeyNames1732702610000 } from '../../migrations/1732702610000-UniqueApiKeyNames';
import { IdempotencyLeases1732702620000 } from '../../migrations/1732702620000-IdempotencyLeases';
import { MailBudgets1732702700000 } from '../../migrations/1732702700000-MailBudgets';
import { UuidOsspExtension1732703000000 } from '../../migrations/1732703000000-UuidOsspExtension';
import { ShardStatusDayDeltas1732703100000 } from '../../migrations/1732703100000-ShardStatusDayDeltas';
import { CandidateDecisions1732703300000 } from '../../migrations/1732703300000-CandidateDecisions';
import { DiscardedItems1732703400000 } from '../../migrations/1732703400000-DiscardedItems';
import { SourceSnapshots1732703500000 } from '../../migrations/1732703500000-SourceSnapshots';
import { Imports1732703600000 } from '../../migrations/1732703600000-Imports';
import { Publications1732703600001 } from '../../migrations/1732703600001-Publications';
import { SourceChangesInFeeds1732703900000 } from '../../migrations/1732703900000-SourceChangesInFeeds';
import { PledgerTotals1732704500000 } from '../../migrations/1732704500000-PledgerTotals';
import { DeliveryClaimIndex1732704600000 } from '../../migrations/1732704600000-DeliveryClaimIndex';
import { LighterCreateTriggers1732704700000 } from '../../migrations/1732704700000-LighterCreateTriggers';

/**
 * Listed explicitly (no globs): the order here is the order they run. The baseline stands for the
 * 23 migrations before it (docs/adr/0006-database-functions-declared-once.md); new ones go after it.
 */
export const MIGRATIONS = [
  Baseline1732702400001,
  TagsWithoutSemicolons1732702530000,
  UniqueApiKeyNames1732702610000,
  IdempotencyLeases1732702620000,
  MailBudgets1732702700000,
  UuidOsspExtension1732703000000,
  ShardStatusDayDeltas1732703100000,
  CandidateDecisions1732703300000,
  DiscardedItems1732703400000,
  SourceSnapshots1732703500000,
  Imports1732703600000,
  Publications1732703600001,
  SourceChangesInFeeds1732703900000,
  PledgerTotals1732704500000,
  DeliveryClaimIndex1732704600000,
  LighterCreateTriggers1732704700000,
];
