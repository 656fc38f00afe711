/**
 * The shape of a declared database function or trigger (docs/adr/0006-database-functions-declared-once.md).
 * Each is declared once, in this folder; migrations create or re-apply them from here
 * (`createFunction`, `createTrigger`) and `npm run schema:check` compares the migrated database
 * with these declarations (`test/schema/drift.ts`).
 */
export interface DatabaseFunction {
  name: string;
  /** The argument list as written, names included: `item uuid, period text`. */
  args: string;
  returns: string;
  language: 'sql' | 'plpgsql';
  /** Volatility, strictness, parallel safety: `IMMUTABLE PARALLEL SAFE STRICT`. */
  attributes?: string;
  /** The text between the `$$`, kept to the character: PostgreSQL stores it as written. */
  body: string;
}

export interface DatabaseTrigger {
  name: string;
  table: string;
  /** `AFTER INSERT OR DELETE`, `BEFORE INSERT`, `AFTER UPDATE OF a, b`. */
  timing: string;
  /** Transition tables of a statement trigger: `NEW TABLE AS new_rows`. */
  referencing?: string;
  each: 'ROW' | 'STATEMENT';
  /** The WHEN condition, without its parentheses. */
  when?: string;
  execute: DatabaseFunction;
}

export const declareFunction = (f: DatabaseFunction): DatabaseFunction => f;
export const declareTrigger = (t: DatabaseTrigger): DatabaseTrigger => t;

export function createFunction(f: DatabaseFunction): string {
  const attributes = f.attributes ? ` ${f.attributes}` : '';
  return `CREATE OR REPLACE FUNCTION ${f.name}(${f.args}) RETURNS ${f.returns} LANGUAGE ${f.language}${attributes} AS $$${f.body}$$`;
}

export function dropFunction(f: DatabaseFunction): string {
  return `DROP FUNCTION IF EXISTS ${f.name}(${f.args})`;
}

/** A trigger is re-applied by `dropTrigger` then `createTrigger`, in one migration's transaction. */
export function createTrigger(t: DatabaseTrigger): string {
  const referencing = t.referencing ? ` REFERENCING ${t.referencing}` : '';
  const when = t.when ? ` WHEN (${t.when})` : '';
  return `CREATE TRIGGER ${t.name} ${t.timing} ON ${t.table}${referencing} FOR EACH ${t.each}${when} EXECUTE FUNCTION ${t.execute.name}()`;
}

export function dropTrigger(t: DatabaseTrigger): string {
  return `DROP TRIGGER IF EXISTS ${t.name} ON ${t.table}`;
}
