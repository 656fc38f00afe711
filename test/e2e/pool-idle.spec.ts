import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import { TestApp } from '../helpers/app';

/** The pool keeps warm connections for DB_IDLE_TIMEOUT_MS (pg-pool alone closes them after 10 s). */
describe('pooled connections kept while idle', () => {
  const pool = (t: TestApp) => (t.app.get(DataSource).driver as unknown as { master: Pool }).master;
  const backendPid = async (p: Pool) =>
    (await p.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('should apply the 300 s default and keep the same backend across an idle pause', async () => {
    const t = await TestApp.start();
    try {
      const p = pool(t);
      expect(p.options.idleTimeoutMillis).toBe(300_000);
      const first = await backendPid(p);
      await sleep(1500);
      expect(p.idleCount).toBeGreaterThan(0);
      expect(await backendPid(p)).toBe(first);
    } finally {
      await t.close();
    }
  });

  it('should close idle connections after a short DB_IDLE_TIMEOUT_MS', async () => {
    const t = await TestApp.start({ DB_IDLE_TIMEOUT_MS: '1000' });
    try {
      const p = pool(t);
      await backendPid(p);
      await sleep(1500);
      expect(p.totalCount).toBe(0);
    } finally {
      await t.close();
    }
  });
});
