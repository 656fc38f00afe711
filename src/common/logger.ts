import { DynamicModule } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { Logger as NestPinoLogger, LoggerModule, Params, PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';
import pino, { Logger } from 'pino';

/**
 * One pino logger per process: JSON lines on stdout, or readable lines (pino-pretty, in a worker
 * thread) when stdout is a terminal. Fastify's request logger is a child of it with `reqId`.
 */
export function createLogger(level: string, pretty = process.stdout.isTTY === true): Logger {
  return pino({
    level,
    base: { service: 'pledgewatch' },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(pretty && {
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' },
      },
    }),
  });
}

/**
 * Nest's start-up chatter: a line per module, controller and route (about 100). Logged at debug,
 * so that at `info` a start shows what a person needs (listening, and the first admin key).
 */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** nestjs-pino's Logger with Nest's start-up lines moved from `log` (info) to `debug`. */
class ServiceNestLogger extends NestPinoLogger {
  /** Nest passes the context last. */
  override log(message: unknown, ...optionalParams: unknown[]): void {
    if (STARTUP_CONTEXTS.has(optionalParams.at(-1) as string)) this.debug(message, ...optionalParams);
    else super.log(message, ...optionalParams);
  }
}

/**
 * A feed URL's token is the feed's credential (`/feeds/pwf_….ics`): wherever a URL is written
 * down (log lines), only its first eight characters, as `GET /v1/feeds` lists them, are kept.
 */
export function redactFeedTokens(text: string): string {
  return text.replace(/\b(pwf_[A-Za-z0-9_-]{4})[A-Za-z0-9_-]+/g, '$1…');
}

/** What Fastify's request serializer writes for `incoming request`, with feed tokens redacted. */
interface LoggedRequest {
  method: string;
  url: string;
  host: string;
  ip: string;
  socket?: { remotePort?: number };
}

/**
 * The logger Fastify's request lines go through: its `req` serializer (which Fastify's own,
 * writing the URL as it came, gives way to) redacts feed tokens.
 */
export function requestLogger(logger: Logger): Logger {
  return logger.child(
    {},
    {
      serializers: {
        req: (req: LoggedRequest) => ({
          method: req.method,
          url: redactFeedTokens(req.url),
          host: req.host,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
      },
    },
  );
}

/**
 * Nest's Logger through nestjs-pino: an `Error` becomes `err` (message and stack), Nest's
 * `error(message, stack, context)` too; during a request it writes through that request's logger.
 */
export function nestLogger(logger: Logger): NestPinoLogger {
  const params: Params = { pinoHttp: { logger } };
  return new ServiceNestLogger(new PinoLogger(params), params);
}

/**
 * nestjs-pino's providers (its Logger and PinoLogger for injection). Its request middleware is not
 * mounted: `bindRequestLogContext` does the same job from a Fastify hook.
 */
export const requestLogContext: DynamicModule = LoggerModule.forRoot({ useExisting: true, forRoutes: [] });

/**
 * The HTTP app's request context: every line logged during a request goes through Fastify's
 * request logger (with the same `reqId` as `x-request-id` and the problem documents). This is
 * what nestjs-pino's middleware does (`storage.run(new Store(req.log), next)`), bound in the
 * first onRequest hook instead: a Nest middleware would mount @fastify/middie and its
 * per-request work (about a tenth of a cheap GET) only to call this one function.
 */
export function bindRequestLogContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) =>
    storage.run(new Store(request.log as Logger), done),
  );
}

/**
 * The first-start admin key, logged once so that a person can read and copy it: boxed on a
 * terminal (pino-pretty prints the message as is), and in a JSON line as fields of their own
 * (`adminKey`, `workbench`, `docs`) rather than a box of escaped `\n` in `msg`.
 */
export function announceFirstAdminKey(
  logger: Logger,
  adminKey: string,
  port: number,
  pretty = process.stdout.isTTY === true,
): void {
  if (pretty) return logger.warn(`\n${firstStartBanner(adminKey, port)}`);
  logger.warn(
    { adminKey, workbench: `http://localhost:${port}/`, docs: `http://localhost:${port}/docs` },
    'Created the first admin API key (adminKey); it is shown only once',
  );
}

/** The first-start admin key, boxed so that it stands out, with where to use it. */
export function firstStartBanner(adminKey: string, port: number): string {
  const lines = [
    'Created the first admin API key; it is shown only once:',
    '',
    `  ${adminKey}`,
    '',
    `Workbench: http://localhost:${port}/`,
    `API docs:  http://localhost:${port}/docs`,
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const rule = '─'.repeat(width + 2);
  return [`┌${rule}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${rule}┘`].join('\n');
}
