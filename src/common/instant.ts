import { applyDecorators, PipeTransform } from '@nestjs/common';
import type { ApiPropertyOptions, SchemaObject } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { isISO8601, ValidateBy, ValidationOptions } from 'class-validator';
import { ErrorSpec, invalid } from './problem';

/** The code predates this module's move to common/; clients branch on it, so it stays. */
export const INVALID_INSTANT = {
  status: 422,
  code: 'TIMELINE.INVALID_INSTANT',
  title: 'Not an ISO 8601 timestamp with a zone, nor a date',
} satisfies ErrorSpec;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Years an instant or a date of this service may fall in: anything else is a typo (0100, 9999). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/** Whether a date falls in the plausible years MIN_YEAR–MAX_YEAR (UTC). */
export function plausibleYear(at: Date): boolean {
  const year = at.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

const INSTANT_RULE = `an ISO 8601 timestamp with a zone (2024-07-01T00:00:00Z) or a date (2024-07-01), in the years ${MIN_YEAR}–${MAX_YEAR}`;
const HAS_ZONE = /T.*(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * An ISO 8601 instant: a timestamp with a zone (`2024-06-13T09:00:00Z`, `…+02:00`) or a date
 * (`2024-06-13`, midnight UTC). A timestamp without a zone is refused: it would be read in the
 * server's zone; so is a year outside MIN_YEAR–MAX_YEAR, and any ISO 8601 form `Date` cannot read
 * (week dates such as `2024-W24`, ordinal dates). Returns null for anything refused.
 * The one parser of every instant parameter and field (`asOf`, `from`, `to`, `dueBefore`, …).
 */
export function parseInstant(value: unknown): Date | null {
  const at = readInstant(value);
  return at && plausibleYear(at) ? at : null;
}

/** parseInstant without the bound on years, for rules that explain an implausible year themselves. */
export function readInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || !isISO8601(value, { strict: true, strictSeparator: true })) return null;
  if (!DATE_ONLY.test(value) && !HAS_ZONE.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

/**
 * The OpenAPI schema of every instant parameter and field, as parseInstant reads it: a timestamp
 * with a zone, or a date (midnight UTC). Spread into `@ApiProperty` next to `@IsInstant()`.
 */
export const INSTANT_SCHEMA = {
  type: String,
  anyOf: [
    { type: 'string', format: 'date-time', example: '2024-07-01T00:00:00Z' },
    { type: 'string', format: 'date', example: '2024-07-01' },
  ],
} satisfies ApiPropertyOptions;

/** The same, for `@ApiQuery({ schema })` and other places that take a schema object. */
export const INSTANT_QUERY_SCHEMA = { type: 'string', anyOf: INSTANT_SCHEMA.anyOf } satisfies SchemaObject;

/**
 * class-validator rule for instants, through parseInstant (the same rule everywhere). A `Date`
 * is one `@ToInstant()` already parsed (it leaves a refused value as it came, for this rule).
 */
export const IsInstant = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value) => value instanceof Date || parseInstant(value) !== null,
        defaultMessage: () => `$property must be ${INSTANT_RULE}`,
      },
    },
    options,
  );

/**
 * A DTO's instant, parsed once at the edge: the service gets a `Date` (a bare date is midnight
 * UTC); a value parseInstant refuses stays as it came, and IsInstant answers 422 naming it.
 */
export const ToInstant = (options?: ValidationOptions) =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => parseInstant(value) ?? value, { toClassOnly: true }),
    IsInstant(options),
  );

/** `@Query('asOf', ParseAsOf)`: the instant, or the 422 of parseAsOf. */
export const ParseAsOf: PipeTransform<unknown, Date | undefined> = {
  transform: (value) => (value === undefined ? undefined : parseAsOf(value)),
};

/** `?asOf=` → the instant, or a 422 naming the parameter. */
export function parseAsOf(value: unknown): Date {
  const at = parseInstant(value);
  if (!at) throw invalid('asOf', `must be ${INSTANT_RULE}`, INVALID_INSTANT);
  return at;
}
