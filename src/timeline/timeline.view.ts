import { normalizeMoney } from '../common/money';
import type { QuoteSelectors } from '../sources/quote-verifier';
import { Evidence, Update } from './update.entity';
import type { ItemStatus, ProgressStage, TargetUnit } from '../items/status-scales';

export interface UpdateView {
  id: string;
  itemId: string;
  status: ItemStatus | null;
  effectiveAt: Date;
  recordedAt: Date;
  recordedBy: string;
  note: string;
  progress: {
    delivered: { value: string; currency: string } | null;
    period: string | null;
    percent: number | null;
    stage: ProgressStage | null;
    achieved: { value: string; unit: TargetUnit } | null;
  } | null;
  evidence: { id: string; sourceId: string; quote: string | null; selectors: QuoteSelectors | null }[];
  retracted: boolean;
  retraction: { at: Date; by: string; reason: string } | null;
}

/** API shapes of updates, given the evidence of all of them (by position). */
export function updateViews(updates: Update[], evidence: Evidence[]): UpdateView[] {
  return updates.map((u) => ({
    id: u.id,
    itemId: u.itemId,
    status: u.status,
    effectiveAt: u.effectiveAt,
    recordedAt: u.recordedAt,
    recordedBy: u.recordedBy,
    note: u.note,
    progress: progressView(u),
    evidence: evidence
      .filter((e) => e.updateId === u.id)
      .map(({ id, sourceId, quote, selectors }) => ({ id, sourceId, quote, selectors })),
    retracted: u.retractedAt !== null,
    retraction: u.retractedAt ? { at: u.retractedAt, by: u.retractedBy!, reason: u.retractionReason! } : null,
  }));
}

function progressView(u: Update): UpdateView['progress'] {
  if (
    u.deliveredValue === null &&
    u.progressPercent === null &&
    u.progressPeriod === null &&
    u.achievedValue === null
  )
    return null;
  return {
    delivered:
      u.deliveredValue === null
        ? null
        : { value: normalizeMoney(u.deliveredValue), currency: u.deliveredCurrency!.trim() },
    period: u.progressPeriod,
    percent: u.progressPercent === null ? null : Number(u.progressPercent),
    stage: u.deliveredValue === null ? null : u.progressStage,
    achieved:
      u.achievedValue === null ? null : { value: normalizeMoney(u.achievedValue), unit: u.achievedUnit! },
  };
}
