import 'reflect-metadata';
import { loadConfig } from './config';
import { startServer } from './server';

/** `npm start`. */
startServer(loadConfig()).catch((error) => {
  console.error(error);
  process.exit(1);
});
