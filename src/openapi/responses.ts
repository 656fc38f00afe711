import type { HeaderObject, ResponseObject } from '@nestjs/swagger';

/** The one schema every error body refers to (see problem.schema.ts). */
export const PROBLEM_REF = '#/components/schemas/Problem';

/** Response headers, declared once and referred to by name in `@Endpoint({ headers })`. */
export const RESPONSE_HEADERS = {
  ETag: {
    description:
      'Strong validator of the item: its version in quotes, e.g. `"3"`, with a stamp after a dot (`"3.lx0k2"`) when actor names or follow-ups shown with it can change without a new version. Send it back in If-Match.',
    schema: { type: 'string', example: '"3"' },
    required: true,
  },
  'Cache-Control': {
    description:
      '`private, no-cache`: a cache may keep the answer but asks again each time, with If-None-Match (304 while it is current).',
    schema: { type: 'string', example: 'private, no-cache' },
    required: true,
  },
  Location: {
    description: 'Where the resource is (the survivor of a merge, the new resource).',
    schema: { type: 'string', format: 'uri-reference' },
    required: true,
  },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key.',
    schema: { type: 'string', enum: ['true'] },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying.',
    schema: { type: 'integer', minimum: 0 },
    required: true,
  },
  Allow: {
    description: 'The methods this path answers.',
    schema: { type: 'string', example: 'GET, HEAD, POST' },
    required: true,
  },
  'WWW-Authenticate': {
    description: 'The scheme to use: `Bearer`.',
    schema: { type: 'string', example: 'Bearer' },
  },
} satisfies Record<string, HeaderObject>;

export type ResponseHeaderName = keyof typeof RESPONSE_HEADERS;

/** What each error status means in this API; an operation may say more in its own words. */
export const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  308: 'The item was merged: Location names the survivor',
  400: 'Malformed JSON or request URL',
  401: 'No API key, or a key that is not recognised or revoked',
  403: "The key's role is below the role this operation needs",
  404: 'No such resource',
  405: 'The path exists but does not answer this method (see Allow)',
  409: 'Conflict: a duplicate, or the first request with this Idempotency-Key is still running',
  410: 'The item was discarded: `discardedAt` and `discardedBy` say when and by whom',
  412: 'If-Match names a version that is no longer current',
  413: 'Body larger than 2 MB',
  414: 'A path parameter is too long',
  415: 'The body is not JSON',
  422: 'Validation failed: every failing field is listed in `errors`',
  428: 'If-Match is required',
  429: 'Rate limited: wait Retry-After seconds',
  503: 'The database is unreachable: retry after Retry-After seconds',
};

/** Headers some error statuses always carry. */
const PROBLEM_HEADERS: Record<number, ResponseHeaderName[]> = {
  308: ['Location'],
  401: ['WWW-Authenticate'],
  405: ['Allow'],
  429: ['Retry-After'],
  503: ['Retry-After'],
};

export function headerObjects(names: readonly ResponseHeaderName[]): Record<string, HeaderObject> {
  return Object.fromEntries(names.map((name) => [name, RESPONSE_HEADERS[name]]));
}

/** An error response: problem details, with the headers that status carries. */
export function problemResponse(status: number, description?: string): ResponseObject {
  const headers = PROBLEM_HEADERS[status];
  return {
    description: description ?? PROBLEM_DESCRIPTIONS[status] ?? `HTTP ${status}`,
    ...(headers ? { headers: headerObjects(headers) } : {}),
    content: { 'application/problem+json': { schema: { $ref: PROBLEM_REF } } },
  };
}
