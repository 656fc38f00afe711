import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TestApp } from './app';
import { RedisProcess, startRedis } from './redis';

/** Two replicas of the service (`a` with TestApp's helpers, `b` bare) counting in one fresh Redis. */
export interface ReplicasOnRedis {
  /** Replace it when a spec restarts Redis, so `close` stops the running one. */
  redis: RedisProcess;
  a: TestApp;
  b: NestFastifyApplication;
  close(): Promise<void>;
}

export async function replicasOnRedis(env: Record<string, string>): Promise<ReplicasOnRedis> {
  const redis = await startRedis();
  const a = await TestApp.start({ REDIS_URL: redis.url, ...env });
  const b = await a.replica();
  const replicas: ReplicasOnRedis = {
    redis,
    a,
    b,
    close: async () => {
      await b.close();
      await a.close();
      await replicas.redis.stop(); // the one running now: a spec may restart it
    },
  };
  return replicas;
}
