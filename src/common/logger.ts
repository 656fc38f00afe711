import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { currentRequest } from './request-context';

/** JSON lines on stdout; fastify adds the request id (`reqId`) to every line logged during a request. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'pledgewatch' }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** Nest's own messages go to the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.write('info', message, context);
  }
  error(message: unknown, _trace?: string, context?: string) {
    this.write('error', message, context);
  }
  warn(message: unknown, context?: string) {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string) {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string) {
    this.write('trace', message, context);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, context?: string) {
    // Fastify's request logger adds reqId itself; Nest's Logger lines take it from the request in flight.
    const reqId = currentRequest.getStore()?.id;
    const fields = reqId ? { context, reqId } : { context };
    if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}
