import { isISO8601 } from 'class-validator';
import { ErrorSpec, invalid } from './problem';

/** The code predates this module's move to common/; clients branch on it, so it stays. */
export const INVALID_INSTANT = {
  status: 422,
  code: 'TIMELINE.INVALID_INSTANT',
  title: 'Not an ISO 8601 timestamp with a zone, nor a date',
} satisfies ErrorSpec;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_ZONE = /T.*(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * An ISO 8601 instant: a timestamp with a zone (`2024-06-13T09:00:00Z`, `…+02:00`) or a date
 * (`2024-06-13`, midnight UTC). A timestamp without a zone is refused: it would be read in the
 * server's zone. Returns null for anything else.
 */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || !isISO8601(value, { strict: true, strictSeparator: true })) return null;
  if (!DATE_ONLY.test(value) && !HAS_ZONE.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** `?asOf=` → the instant, or a 422 naming the parameter. */
export function parseAsOf(value: unknown): Date {
  const at = parseInstant(value);
  if (!at)
    throw invalid(
      'asOf',
      'must be an ISO 8601 timestamp with a zone (2024-07-01T00:00:00Z) or a date (2024-07-01)',
      INVALID_INSTANT,
    );
  return at;
}
