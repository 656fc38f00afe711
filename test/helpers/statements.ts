import { Client } from 'pg';

/**
 * The first `words` words of each SQL statement any connection sends while `work` runs: TypeORM's
 * query runners and reads sent straight to the driver's pool (src/database/sql.ts) both end in
 * `Client.query`, so both are counted.
 */
export async function statementsOf<T>(
  work: () => Promise<T>,
  words = 2,
): Promise<{ sql: string[]; result: T }> {
  const spy = jest.spyOn(Client.prototype, 'query');
  try {
    const result = await work();
    const sql = spy.mock.calls.map(([query]: unknown[]) => {
      const text = typeof query === 'string' ? query : (query as { text: string }).text;
      return text.trim().split(/\s+/).slice(0, words).join(' ');
    });
    return { sql, result };
  } finally {
    spy.mockRestore();
  }
}
