import 'reflect-metadata';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { loadConfig } from '../config';
import { startServer } from '../server';
import { loadMoneyRecords, loadNatoRecords } from './load';
import { nextSteps } from './next-steps';

/**
 * `npm run demo`: the service, and on an empty database the records of the NATO article; then
 * the key to use (ADMIN_API_KEY, or a new admin key, since stored keys are only hashes).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startServer(config);
  const loaded = (await loadNatoRecords(app)) + (await loadMoneyRecords(app));
  console.log(
    loaded
      ? `demo: loaded ${loaded} items (the NATO article, a budget law, a pledging conference) and the ECB rates of 2009-06-19`
      : 'demo: the database already has items; nothing loaded',
  );
  const key =
    config.ADMIN_API_KEY ??
    (await app.get(ApiKeysService).create('demo (npm run demo)', 'admin', 'demo', { orSuffixed: true }))
      .secret;
  console.log(nextSteps(`http://localhost:${config.PORT}`, key));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
