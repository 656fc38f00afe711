import { INestApplicationContext } from '@nestjs/common';

export interface ShutdownOptions {
  /** How long in-flight requests may take before the process gives up on them. */
  graceMs: number;
  log: (message: string) => void;
  /** Injected by tests; the process's own otherwise. */
  signals?: NodeJS.EventEmitter;
  exit?: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT: `app.close()` stops the scheduler (module destroy hooks), stops accepting
 * connections and waits for the requests in flight (Fastify's close), then closes the pool
 * (TypeORM's shutdown hook); finally the embedded database stops. Past `graceMs` the process
 * exits anyway, stopping the database first.
 */
export function closeOnSignal(
  app: INestApplicationContext,
  stopDatabase: () => Promise<void>,
  options: ShutdownOptions,
): void {
  const signals = options.signals ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    options.log(
      `${signal}: refusing new connections, finishing requests in flight (up to ${options.graceMs} ms)`,
    );
    const deadline = setTimeout(() => {
      options.log(`requests still running after ${options.graceMs} ms; exiting without them`);
      void stopDatabase().finally(() => exit(1));
    }, options.graceMs);
    deadline.unref();
    try {
      await app.close();
      await stopDatabase();
      clearTimeout(deadline);
      options.log('shut down cleanly');
      exit(0);
    } catch (error) {
      clearTimeout(deadline);
      options.log(`shutdown failed: ${String(error)}`);
      exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT']) signals.once(signal, () => void shutdown(signal));
}
