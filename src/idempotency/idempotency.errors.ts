import { ErrorSpec } from '../common/problem';

export const IdempotencyErrors = {
  IN_PROGRESS: {
    status: 409,
    code: 'IDEMPOTENCY.IN_PROGRESS',
    title: 'A request with this Idempotency-Key is still running',
  },
  TAKEN_OVER: {
    status: 409,
    code: 'IDEMPOTENCY.TAKEN_OVER',
    title: 'A retry with this Idempotency-Key took over while this request ran',
  },
  KEY_REUSED: {
    status: 422,
    code: 'IDEMPOTENCY.KEY_REUSED',
    title: 'This Idempotency-Key was used with a different request',
  },
  INVALID_KEY: {
    status: 422,
    code: 'IDEMPOTENCY.INVALID_KEY',
    title: 'Idempotency-Key must be 1–255 visible ASCII characters',
  },
} satisfies Record<string, ErrorSpec>;
