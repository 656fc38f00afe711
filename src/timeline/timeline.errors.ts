import { INVALID_INSTANT } from '../common/instant';
import { ErrorSpec } from '../common/problem';

export const TimelineErrors = {
  UPDATE_NOT_FOUND: { status: 404, code: 'TIMELINE.UPDATE_NOT_FOUND', title: 'No such update on this item' },
  ALREADY_RETRACTED: {
    status: 409,
    code: 'TIMELINE.ALREADY_RETRACTED',
    title: 'The update is already retracted',
  },
  STATUS_NOT_ON_SCALE: {
    status: 422,
    code: 'TIMELINE.STATUS_NOT_ON_SCALE',
    title: "The status is not on this item kind's scale",
  },
  EVIDENCE_REQUIRED: {
    status: 422,
    code: 'TIMELINE.EVIDENCE_REQUIRED',
    title: 'A verdict status needs at least one evidence entry',
  },
  EFFECTIVE_AT_IN_FUTURE: {
    status: 422,
    code: 'TIMELINE.EFFECTIVE_AT_IN_FUTURE',
    title: 'effectiveAt is in the future',
  },
  EFFECTIVE_AT_TOO_EARLY: {
    status: 422,
    code: 'TIMELINE.EFFECTIVE_AT_TOO_EARLY',
    title: 'effectiveAt is implausibly early',
  },
  PROGRESS_COMMITMENT_ONLY: {
    status: 422,
    code: 'TIMELINE.PROGRESS_COMMITMENT_ONLY',
    title: 'Progress belongs to commitments only',
  },
  CURRENCY_MISMATCH: {
    status: 422,
    code: 'TIMELINE.CURRENCY_MISMATCH',
    title: "Delivered money must be in the commitment's currency",
  },
  TARGET_UNIT_MISMATCH: {
    status: 422,
    code: 'TIMELINE.TARGET_UNIT_MISMATCH',
    title: "Achieved progress must be in the unit of the commitment's target",
  },
  PERIOD_MISMATCH: {
    status: 422,
    code: 'TIMELINE.PERIOD_MISMATCH',
    title: "The progress period does not fit the commitment's recurrence",
  },
  INVALID_INSTANT,
} satisfies Record<string, ErrorSpec>;
