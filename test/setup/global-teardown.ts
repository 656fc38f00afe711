import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tidyWorkload } from '../contract/workload';

/** Prints the contract check's count, then stops the embedded PostgreSQL that global-setup started. */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env.PLEDGEWATCH_CONTRACT_DIR;
  const results =
    dir && existsSync(join(dir, 'results.jsonl')) ? readFileSync(join(dir, 'results.jsonl'), 'utf8') : '';
  const lines = results
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { validated: number; mismatches: string[] });
  const validated = lines.reduce((n, l) => n + l.validated, 0);
  const mismatches = lines.flatMap((l) => l.mismatches);
  console.log(
    `\ncontract: ${validated} responses checked against the OpenAPI document, ${mismatches.length} mismatches`,
  );
  for (const m of mismatches.slice(0, 50)) console.log(`  ${m}`);
  if (dir) rmSync(dir, { recursive: true, force: true });
  const workload = process.env.PLEDGEWATCH_RECORD_WORKLOAD;
  if (workload) console.log(`workload: ${tidyWorkload(workload)} responses recorded in ${workload}`);
  const db = (globalThis as { __PLEDGEWATCH_DB__?: { stop(): Promise<void> } }).__PLEDGEWATCH_DB__;
  await db?.stop();
  if (mismatches.length > 0) process.exitCode = 1;
}
