import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config';

/**
 * The real service for the benchmark, in its own process so that the load generator does not
 * share its event loop: `node serve-app.js <databaseUrl>`; reports its port over IPC.
 * Rate limiting is lifted (the benchmark is one key hammering on purpose); logs are off.
 * `BENCH_CONFIG` (JSON) sets more of the configuration for one bench.
 */
async function main(): Promise<void> {
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    ADMIN_API_KEY: process.env.BENCH_ADMIN_KEY,
    SCHEDULER_ENABLED: 'false',
    RATE_LIMIT_PER_MINUTE: '100000000',
    DB_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '10',
    // A bench's own settings (the recheck bench turns the schedulers on), as a JSON object.
    ...(JSON.parse(process.env.BENCH_CONFIG ?? '{}') as Record<string, string>),
  });
  const app = await createApp(config, process.argv[2]);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
