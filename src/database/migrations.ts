import { InitialSchema1732700000000 } from '../../migrations/1732700000000-InitialSchema';
import { Timeline1732700100000 } from '../../migrations/1732700100000-Timeline';
import { SearchAndListIndexes1732700200000 } from '../../migrations/1732700200000-SearchAndListIndexes';
import { StatusCounts1732700250000 } from '../../migrations/1732700250000-StatusCounts';
import { AmountsIndexCoversId1732700260000 } from '../../migrations/1732700260000-AmountsIndexCoversId';
import { DeliveredLatest1732700270000 } from '../../migrations/1732700270000-DeliveredLatest';
import { WebhookDeliveries1732700300000 } from '../../migrations/1732700300000-WebhookDeliveries';
import { AuditLogIndexes1732700400000 } from '../../migrations/1732700400000-AuditLogIndexes';
import { ChangeNotifications1732700800000 } from '../../migrations/1732700800000-ChangeNotifications';
import { StatusDayDeltas1732700810000 } from '../../migrations/1732700810000-StatusDayDeltas';
import { FeedsAndMail1732700900000 } from '../../migrations/1732700900000-FeedsAndMail';
import { SimilarAmountIndex1732701200000 } from '../../migrations/1732701200000-SimilarAmountIndex';
import { MoneyModel1732701300000 } from '../../migrations/1732701300000-MoneyModel';
import { MoneyTotals1732701310000 } from '../../migrations/1732701310000-MoneyTotals';
import { MoneyBulkRebuild1732701320000 } from '../../migrations/1732701320000-MoneyBulkRebuild';
import { MoneyTotalsLock1732701500000 } from '../../migrations/1732701500000-MoneyTotalsLock';
import { FollowUpsCountChanges1732701400000 } from '../../migrations/1732701400000-FollowUpsCountChanges';
import { NameCheckConstraints1732702000000 } from '../../migrations/1732702000000-NameCheckConstraints';
import { MoneyRevalue1732702100000 } from '../../migrations/1732702100000-MoneyRevalue';
import { MoneyRevalueSpans1732702110000 } from '../../migrations/1732702110000-MoneyRevalueSpans';
import { StatusPeriodsCreationOrder1732702200000 } from '../../migrations/1732702200000-StatusPeriodsCreationOrder';
import { SimilarTitleIndex1732702300000 } from '../../migrations/1732702300000-SimilarTitleIndex';
import { ShorterWriteLocks1732702400000 } from '../../migrations/1732702400000-ShorterWriteLocks';
import { MailBudgets1732702700000 } from '../../migrations/1732702700000-MailBudgets';

/** Listed explicitly (no globs): the order here is the order they run. */
export const MIGRATIONS = [
  InitialSchema1732700000000,
  Timeline1732700100000,
  SearchAndListIndexes1732700200000,
  StatusCounts1732700250000,
  AmountsIndexCoversId1732700260000,
  DeliveredLatest1732700270000,
  WebhookDeliveries1732700300000,
  AuditLogIndexes1732700400000,
  ChangeNotifications1732700800000,
  StatusDayDeltas1732700810000,
  FeedsAndMail1732700900000,
  SimilarAmountIndex1732701200000,
  MoneyModel1732701300000,
  MoneyTotals1732701310000,
  MoneyBulkRebuild1732701320000,
  FollowUpsCountChanges1732701400000,
  MoneyTotalsLock1732701500000,
  NameCheckConstraints1732702000000,
  MoneyRevalue1732702100000,
  MoneyRevalueSpans1732702110000,
  StatusPeriodsCreationOrder1732702200000,
  SimilarTitleIndex1732702300000,
  ShorterWriteLocks1732702400000,
  MailBudgets1732702700000,
];
