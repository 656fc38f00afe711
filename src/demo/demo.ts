import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { loadMoneyRecords, loadNatoRecords } from './load';

export interface DemoRun {
  /** What was loaded and what was already there, one line each. */
  report: string[];
  /** The one admin key to print. */
  key: string;
}

/**
 * What `npm run demo` does once the service is up: loads the records that are missing, says
 * exactly which, and picks the key to print — `adminKey` (ADMIN_API_KEY or the key this first
 * start created), or else a new admin key, since stored keys are only hashes.
 */
export async function runDemo(app: NestFastifyApplication, adminKey: string | null): Promise<DemoRun> {
  const nato = await loadNatoRecords(app);
  const money = await loadMoneyRecords(app);
  const report = [
    nato
      ? `demo: loaded the NATO article of 13 June 2024 with its ${nato} items`
      : 'demo: the NATO article of 13 June 2024 is already stored; not loaded again',
    money
      ? `demo: loaded ${money} items (a budget law, a range, a pledging conference) and the ECB rates of 2009-06-19`
      : 'demo: the budget law, the range and the pledging conference are already stored; not loaded again',
  ];
  const key =
    adminKey ??
    (await app.get(ApiKeysService).create('demo (npm run demo)', 'admin', 'demo', { orSuffixed: true }))
      .secret;
  return { report, key };
}
