/** Stops the embedded PostgreSQL that global-setup started (nothing to do with DATABASE_URL). */
export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as { __PLEDGEWATCH_DB__?: { stop(): Promise<void> } }).__PLEDGEWATCH_DB__;
  await db?.stop();
}
