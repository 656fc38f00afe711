import 'reflect-metadata';
import { loadConfig } from '../config';
import { startServer } from '../server';
import { loadNatoRecords } from './load';

/** `npm run demo`: the service, and on an empty database the records of the NATO article. */
async function main(): Promise<void> {
  const app = await startServer(loadConfig());
  const loaded = await loadNatoRecords(app);
  console.log(JSON.stringify({ level: 'info', msg: loaded ? `demo: loaded ${loaded} items from the NATO article` : 'demo: database not empty, nothing loaded' }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
