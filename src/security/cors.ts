import type { FastifyCorsOptions } from '@fastify/cors';
import { AppConfig } from '../config';

/** CORS_ORIGINS as @fastify/cors options; undefined (no CORS headers at all) when it is empty. */
export function corsOptions(config: AppConfig): FastifyCorsOptions | undefined {
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (origins.length === 0) return undefined;
  return {
    origin: origins,
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'If-Match',
      'Idempotency-Key',
      'X-Request-Id',
      // Read replicas (docs/scaling.md): a write's WAL position out, brought back on reads.
      'X-Pledgewatch-Min-LSN',
    ],
    exposedHeaders: [
      'ETag',
      'Location',
      'Retry-After',
      'X-Request-Id',
      'Idempotent-Replayed',
      'X-Pledgewatch-LSN',
    ],
    maxAge: 600,
  };
}
