/** One failing field of a request: `amount.currency`, `citations.0.quote`. */
export interface FieldError {
  path: string;
  message: string;
}

/** A stable, documented error: clients branch on `code`, people read `title`. */
export interface ErrorSpec {
  status: number;
  code: string;
  title: string;
}

/** Thrown anywhere; the global filter turns it into RFC 9457 problem details. */
export class ProblemError extends Error {
  constructor(
    readonly spec: ErrorSpec,
    readonly detail: string = spec.title,
    readonly extra: Record<string, unknown> = {},
    readonly errors?: FieldError[],
    /** Response headers that belong to this answer (WWW-Authenticate, Retry-After …). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/** Errors shared by every feature. Feature-specific codes live next to their feature. */
export const CommonErrors = {
  MALFORMED_JSON: { status: 400, code: 'REQUEST.MALFORMED_JSON', title: 'Malformed JSON body' },
  BAD_REQUEST: { status: 400, code: 'REQUEST.BAD_REQUEST', title: 'Bad request' },
  UNAUTHENTICATED: { status: 401, code: 'AUTH.UNAUTHENTICATED', title: 'Missing or invalid API key' },
  FORBIDDEN: { status: 403, code: 'AUTH.FORBIDDEN', title: 'Role not allowed' },
  NOT_FOUND: { status: 404, code: 'REQUEST.NOT_FOUND', title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, code: 'REQUEST.METHOD_NOT_ALLOWED', title: 'Method not allowed' },
  CONFLICT: { status: 409, code: 'REQUEST.CONFLICT', title: 'Conflict' },
  PRECONDITION_FAILED: {
    status: 412,
    code: 'REQUEST.STALE_VERSION',
    title: 'The resource has changed (stale If-Match)',
  },
  BODY_TOO_LARGE: { status: 413, code: 'REQUEST.BODY_TOO_LARGE', title: 'Request body too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    title: 'Request body must be JSON',
  },
  VALIDATION_FAILED: { status: 422, code: 'REQUEST.VALIDATION_FAILED', title: 'Validation failed' },
  PRECONDITION_REQUIRED: {
    status: 428,
    code: 'REQUEST.IF_MATCH_REQUIRED',
    title: 'If-Match header required',
  },
  RATE_LIMITED: { status: 429, code: 'REQUEST.RATE_LIMITED', title: 'Too many requests' },
  INTERNAL: { status: 500, code: 'INTERNAL', title: 'Internal server error' },
  DATABASE_UNAVAILABLE: { status: 503, code: 'DATABASE.UNAVAILABLE', title: 'Database unavailable' },
} satisfies Record<string, ErrorSpec>;

export function invalid(
  path: string,
  message: string,
  spec: ErrorSpec = CommonErrors.VALIDATION_FAILED,
): ProblemError {
  return new ProblemError(spec, `${path}: ${message}`, {}, [{ path, message }]);
}

/** A failing field together with the error it is an instance of. */
export type Violation = FieldError & { spec: ErrorSpec };

/** One problem listing every violation; its code is the first violation's. */
export function throwIfViolations(violations: Violation[]): void {
  if (violations.length === 0) return;
  const errors = violations.map(({ path, message }) => ({ path, message }));
  throw new ProblemError(
    violations[0].spec,
    errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    {},
    errors,
  );
}
