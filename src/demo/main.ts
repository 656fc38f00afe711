import 'reflect-metadata';
import { loadConfig } from '../config';
import { startServer } from '../server';
import { loadNatoRecords } from './load';

/** `npm run demo`: the service, and on an empty database the records of the NATO article. */
async function main(): Promise<void> {
  const app = await startServer(loadConfig());
  const loaded = await loadNatoRecords(app);
  console.log(
    loaded
      ? `demo: loaded ${loaded} items from the NATO article`
      : 'demo: the database already has items; nothing loaded',
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
