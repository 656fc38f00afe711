import { ErrorSpec } from '../common/problem';

export const SourceErrors = {
  NOT_FOUND: { status: 404, code: 'SOURCE.NOT_FOUND', title: 'Source not found' },
  SNAPSHOT_NOT_FOUND: { status: 404, code: 'SOURCE.SNAPSHOT_NOT_FOUND', title: 'Snapshot not found' },
  DUPLICATE_URL: {
    status: 409,
    code: 'SOURCE.DUPLICATE_URL',
    title: 'A source with this URL already exists',
  },
  INVALID_URL: { status: 422, code: 'SOURCE.INVALID_URL', title: 'URL must be an absolute http(s) URL' },
  TEXT_IMMUTABLE: {
    status: 422,
    code: 'SOURCE.TEXT_IMMUTABLE',
    title: 'A source text cannot change once set',
  },
} satisfies Record<string, ErrorSpec>;
