import { Global, Module } from '@nestjs/common';
import { WorkerPool } from './worker-pool';

/** One worker-thread pool per process, for every feature with CPU-heavy work. */
@Global()
@Module({ providers: [WorkerPool], exports: [WorkerPool] })
export class WorkerPoolModule {}
