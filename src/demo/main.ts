import 'reflect-metadata';
import { loadConfig } from '../config';
import { startServer } from '../server';
import { loadMoneyRecords, loadNatoRecords } from './load';

/** `npm run demo`: the service, and on an empty database the records of the NATO article. */
async function main(): Promise<void> {
  const app = await startServer(loadConfig());
  const loaded = (await loadNatoRecords(app)) + (await loadMoneyRecords(app));
  console.log(
    loaded
      ? `demo: loaded ${loaded} items (the NATO article, a budget law, a pledging conference) and the ECB rates of 2009-06-19`
      : 'demo: the database already has items; nothing loaded',
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
