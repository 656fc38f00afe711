import { PERIOD_SHAPE } from '../common/periods';
import { CommonErrors, Violation } from '../common/problem';
import {
  isStatusOnScale,
  ItemKind,
  needsEvidence,
  type Recurrence,
  type TargetUnit,
} from '../items/status-scales';
import { readInstant } from '../common/instant';
import { TimelineErrors } from './timeline.errors';

/** Backdating is normal; a clock a little ahead of ours is tolerated, the future is not. */
export const CLOCK_SKEW_MS = 60_000;
/** Nothing tracked here happened before this; earlier dates are typing slips. */
export const EARLIEST_EFFECTIVE_AT = new Date('1900-01-01T00:00:00Z');

export interface UpdateTarget {
  kind: ItemKind;
  amountCurrency: string | null;
  recurrence: Recurrence | null;
  targetUnit: TargetUnit | null;
}

/** Optional fields may arrive as null (class-validator's IsOptional lets it through): null means absent. */
export interface UpdateInput {
  status?: string | null;
  effectiveAt?: string | null;
  progress?: {
    delivered?: { value: string; currency: string } | null;
    period?: string | null;
    percent?: number | null;
    stage?: string | null;
    achieved?: { value: string; unit: string } | null;
  } | null;
  evidence?: unknown[] | null;
}

/** Every rule an update breaks, given the item it is for and the current time. */
export function updateViolations(item: UpdateTarget, input: UpdateInput, now: Date): Violation[] {
  return [
    ...statusViolations(item, input),
    ...effectiveAtViolations(input.effectiveAt, now),
    ...progressViolations(item, input.progress),
  ];
}

function statusViolations(item: UpdateTarget, input: UpdateInput): Violation[] {
  if (input.status == null) return [];
  if (!isStatusOnScale(item.kind, input.status)) {
    return [
      {
        spec: TimelineErrors.STATUS_NOT_ON_SCALE,
        path: 'status',
        message: `${input.status} is not a ${item.kind} status`,
      },
    ];
  }
  if (needsEvidence(input.status) && (input.evidence ?? []).length === 0) {
    return [
      {
        spec: TimelineErrors.EVIDENCE_REQUIRED,
        path: 'evidence',
        message: `${input.status} is a verdict and needs at least one evidence entry`,
      },
    ];
  }
  return [];
}

function effectiveAtViolations(effectiveAt: string | null | undefined, now: Date): Violation[] {
  if (effectiveAt == null) return [];
  const at = readInstant(effectiveAt);
  if (!at)
    return [
      {
        spec: TimelineErrors.INVALID_INSTANT,
        path: 'effectiveAt',
        message: 'must be an ISO 8601 timestamp with a zone, or a date',
      },
    ];
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    return [
      {
        spec: TimelineErrors.EFFECTIVE_AT_IN_FUTURE,
        path: 'effectiveAt',
        message: 'must not be in the future',
      },
    ];
  }
  if (at < EARLIEST_EFFECTIVE_AT) {
    return [
      {
        spec: TimelineErrors.EFFECTIVE_AT_TOO_EARLY,
        path: 'effectiveAt',
        message: `must not be before ${EARLIEST_EFFECTIVE_AT.toISOString()}`,
      },
    ];
  }
  return [];
}

function progressViolations(item: UpdateTarget, progress: UpdateInput['progress']): Violation[] {
  if (progress == null) return [];
  if (item.kind !== 'commitment') {
    return [
      {
        spec: TimelineErrors.PROGRESS_COMMITMENT_ONLY,
        path: 'progress',
        message: 'belongs to commitments only',
      },
    ];
  }
  const out: Violation[] = [];
  if (progress.delivered == null && progress.percent == null && progress.achieved == null) {
    out.push({
      spec: CommonErrors.VALIDATION_FAILED,
      path: 'progress',
      message: 'needs delivered, achieved or percent',
    });
  }
  if (progress.stage != null && progress.delivered == null) {
    out.push({
      spec: CommonErrors.VALIDATION_FAILED,
      path: 'progress.stage',
      message: 'names the stage of progress.delivered, which is missing',
    });
  }
  if (progress.achieved && progress.achieved.unit !== item.targetUnit) {
    const message = item.targetUnit
      ? `must be ${item.targetUnit}, the unit of the commitment's target`
      : 'the commitment has no target to achieve';
    out.push({ spec: TimelineErrors.TARGET_UNIT_MISMATCH, path: 'progress.achieved.unit', message });
  }
  if (progress.delivered && progress.delivered.currency !== item.amountCurrency?.trim()) {
    const message = item.amountCurrency
      ? `must be in ${item.amountCurrency.trim()}, the commitment's currency`
      : 'the commitment has no amount to deliver against';
    out.push({ spec: TimelineErrors.CURRENCY_MISMATCH, path: 'progress.delivered.currency', message });
  }
  const shape = item.recurrence ? PERIOD_SHAPE[item.recurrence] : undefined;
  if (shape && progress.delivered && progress.period == null) {
    out.push({
      spec: TimelineErrors.PERIOD_MISMATCH,
      path: 'progress.period',
      message: `a ${item.recurrence} commitment needs the period delivered counts for, e.g. ${shape.example}`,
    });
  } else if (shape && progress.period != null && !shape.pattern.test(progress.period)) {
    out.push({
      spec: TimelineErrors.PERIOD_MISMATCH,
      path: 'progress.period',
      message: `a ${item.recurrence} commitment counts by periods like ${shape.example}`,
    });
  }
  return out;
}
