import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { APP_CONFIG, AppConfig } from '../../config';
import { ErrorSpec, ProblemError } from '../problem';
import type * as Tasks from './tasks';

export type TaskName = keyof typeof Tasks;

export const WorkerPoolErrors = {
  BUSY: { status: 503, code: 'SERVER.BUSY', title: 'The server is busy with heavy requests' },
} satisfies Record<string, ErrorSpec>;

// Under ts-jest the sources are TypeScript; the threads load them through sucrase's require hook.
const FROM_SOURCE = __filename.endsWith('.ts');
const TASKS = join(__dirname, FROM_SOURCE ? 'tasks.ts' : 'tasks.js');

/**
 * Worker threads (piscina) for CPU-heavy work, so one request folding a 1 MB text never stalls
 * the others: the event loop only posts tasks and awaits them. The queue is bounded; past it
 * a request gets 503 with Retry-After instead of waiting behind everyone else's work.
 */
@Injectable()
export class WorkerPool implements OnApplicationShutdown {
  private readonly pool: Piscina;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pool = new Piscina({
      execArgv: FROM_SOURCE ? ['--require', 'sucrase/register/ts'] : [],
      minThreads: 0,
      maxThreads: config.WORKER_THREADS,
      maxQueue: config.WORKER_QUEUE_LIMIT,
      idleTimeout: 30_000,
    });
  }

  /**
   * `signal`: aborting it takes a waiting task off the queue, or terminates the thread running it
   * (piscina starts a new one), and rejects with piscina's AbortError (`isAbort`).
   */
  async run<N extends TaskName>(
    name: N,
    input: Parameters<(typeof Tasks)[N]>[0],
    signal?: AbortSignal,
  ): Promise<ReturnType<(typeof Tasks)[N]>> {
    try {
      return (await this.pool.run(input, { filename: TASKS, name, signal })) as ReturnType<(typeof Tasks)[N]>;
    } catch (error) {
      if (error instanceof Error && error.message === 'Task queue is at limit')
        throw new ProblemError(WorkerPoolErrors.BUSY, 'Too many heavy requests are waiting; retry shortly', {
          retryAfter: 1,
        });
      throw error;
    }
  }

  /** Whether `error` is the rejection of a task whose signal was aborted. */
  static isAbort(error: unknown): boolean {
    return error instanceof Error && error.name === 'AbortError';
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.destroy();
  }
}
