import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request being served, for log lines written away from Fastify's request logger (Nest's
 * Logger in services, guards and the exception filter), so that they carry its id too.
 */
export const currentRequest = new AsyncLocalStorage<{ id: string }>();
