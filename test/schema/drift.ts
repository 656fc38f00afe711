import type { ClientBase } from 'pg';
import { firstDifference } from './dump';
import {
  createFunction,
  createTrigger,
  dropTrigger,
  FUNCTIONS,
  TRIGGERS,
} from '../../src/database/functions';

/** Every function (by signature) and trigger (by name and table) of the public schema, with its definition. */
const DEFINITIONS = `
  SELECT 'function ' || p.oid::regprocedure::text AS key, p.proname AS name, pg_get_functiondef(p.oid) AS def
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'public'
   WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  UNION ALL
  SELECT format('trigger %s on %s', t.tgname, c.relname), t.tgname, pg_get_triggerdef(t.oid)
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
   WHERE NOT t.tgisinternal`;

interface Definition {
  key: string;
  name: string;
  def: string;
}

async function definitions(client: ClientBase): Promise<Map<string, Definition>> {
  const { rows } = await client.query<Definition>(DEFINITIONS);
  return new Map(rows.map((row) => [row.key, row]));
}

/**
 * How the database's functions and triggers differ from their declarations in this folder; empty
 * when they match to the character. The declarations are applied inside a transaction that is
 * rolled back, and PostgreSQL's own definitions (pg_get_functiondef, pg_get_triggerdef) are
 * compared before and after, so attributes, argument names and trigger conditions count too.
 */
export async function declarationDrift(client: ClientBase): Promise<string[]> {
  const actual = await definitions(client);
  let declared: Map<string, Definition>;
  await client.query('BEGIN');
  try {
    for (const f of FUNCTIONS) await client.query(createFunction(f));
    for (const t of TRIGGERS) {
      await client.query(dropTrigger(t));
      await client.query(createTrigger(t));
    }
    declared = await definitions(client);
  } catch (error) {
    return [`the declarations do not apply to this database: ${(error as Error).message}`];
  } finally {
    await client.query('ROLLBACK');
  }
  const names = new Set([...FUNCTIONS, ...TRIGGERS].map((d) => d.name));
  const drift: string[] = [];
  for (const [key, d] of declared) {
    const a = actual.get(key);
    if (!a) drift.push(`${key} is declared but the migrations do not create it`);
    else if (a.def !== d.def)
      drift.push(`${key} differs from its declaration at ${firstDifference(d.def, a.def)}`);
  }
  for (const [key, a] of actual)
    if (!names.has(a.name))
      drift.push(`${key} is in the database but declared nowhere in src/database/functions`);
  return drift;
}
