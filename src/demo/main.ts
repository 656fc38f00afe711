import 'reflect-metadata';
import { loadConfig } from '../config';
import { startServer } from '../server';
import { runDemo } from './demo';
import { nextSteps } from './next-steps';

/**
 * `npm run demo`: the service, the demo records it does not hold yet, and one key to use (the
 * first start's key is printed here, not in a box of its own).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const { app, firstAdminKey } = await startServer(config, { announce: false });
  const { report, key } = await runDemo(app, config.ADMIN_API_KEY ?? firstAdminKey);
  console.log(report.join('\n'));
  console.log(nextSteps(`http://localhost:${config.PORT}`, key));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
